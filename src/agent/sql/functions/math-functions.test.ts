import { testSqlCases, type SqlCase } from './sql-cases.js';

// docs/wiki/introduction/sql.md (math and trig examples) and
// osquery/sql/sqlite_math.cpp: values are REAL (ceil/floor INTEGER), and a
// glibc domain/range error fails the query with strerror's text.
const EDOM = 'Numerical argument out of domain';
const ERANGE = 'Numerical result out of range';
const disk = 107372805120;

const valueCases: SqlCase[] = [
  {
    name: 'math: doc examples on a disk size',
    sql: `select sqrt(${disk}), log(${disk}), log10(${disk}), ceil(${disk}), floor(${disk}), power(${disk}, 2), pi() * ${disk}`,
    row: ['327677.898430761', '25.3995727757846', '11.0308942992233', '107372805120', '107372805120', '1.15289192793375e+22', '337321615760.32'],
  },
  {
    name: 'math: doc trig examples',
    sql: 'select sin(30), cos(30), tan(30), cot(30), asin(.5), acos(.5), atan(.5), radians(60), degrees(1.3)',
    row: ['-0.988031624092862', '0.154251449887584', '-6.40533119664628', '-0.156119952161659', '0.523598775598299', '1.0471975511966', '0.463647609000806', '1.0471975511966', '74.484513367007'],
  },
  { name: 'math: log is the natural logarithm', sql: 'select log(exp(1)), log10(1000), exp(0), pi()', row: ['1.0', '3.0', '1.0', '3.14159265358979'] },
  { name: 'math: results are REAL', sql: "select sqrt(4), typeof(sqrt(4)), power(2, 10), typeof(pi()), sqrt('16')", row: ['2.0', 'real', '1024.0', 'real', '4.0'] },
  { name: 'math: ceil and floor return INTEGER', sql: "select ceil(1.2), floor(-1.5), ceil(5), floor('2.5'), typeof(ceil(1.5)), ceil('abc')", row: ['2', '-2', '5', '2', 'integer', '0'] },
  { name: 'math: floor of a huge REAL casts as x86-64 does', sql: 'select floor(1e20)', row: ['-9223372036854775808'] },
  { name: 'math: NULL in, NULL out', sql: 'select sqrt(NULL), log(NULL), power(NULL, 2), power(2, NULL), ceil(NULL), sin(NULL)', row: [null, null, null, null, null, null] },
  { name: 'math: no errno, no error', sql: 'select exp(1000), exp(-1000), cot(0), log(1e999), power(1, 1e999), power(-1, -1e999), power(0, 0), power(0, -1e999)', row: ['Inf', '0.0', 'Inf', 'Inf', '1.0', '1.0', '1.0', 'Inf'] },
];

const errorCases: SqlCase[] = [
  { sql: 'select sqrt(-1)', error: EDOM },
  { sql: 'select log(0)', error: ERANGE },
  { sql: 'select log(-1)', error: EDOM },
  { sql: 'select log10(0)', error: ERANGE },
  { sql: 'select log10(-1e999)', error: EDOM },
  { sql: 'select acos(2)', error: EDOM },
  { sql: 'select asin(-1.5)', error: EDOM },
  { sql: 'select sin(1e999)', error: EDOM },
  { sql: 'select cos(-1e999)', error: EDOM },
  { sql: 'select tan(1e999)', error: EDOM },
  { sql: 'select cot(1e999)', error: EDOM },
  { sql: 'select exp(20000)', error: ERANGE },
  { sql: 'select exp(-20000)', error: ERANGE },
  { sql: 'select power(0, -1)', error: ERANGE },
  { sql: 'select power(-8, 0.5)', error: EDOM },
  { sql: 'select power(10, 400)', error: ERANGE },
  { sql: 'select power(10, -400)', error: ERANGE },
];

testSqlCases('math values', valueCases);
testSqlCases('math errors (errno)', errorCases);
