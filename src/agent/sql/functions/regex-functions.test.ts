import { testSqlCases, type SqlCase } from './sql-cases.js';

// Expected values from osquery/sql/tests/sql.cpp (test_regex_match_*,
// test_regex_split_*) and docs/wiki/introduction/sql.md; the rest follow
// libstdc++'s std::regex (ECMAScript) on bytes. osquery's tests read NULL as "".
const bar257 = '|'.repeat(257);
const bar256 = '|'.repeat(256);

const matchCases: SqlCase[] = [
  { name: 'regex_match: Fleet usage', sql: "select regex_match('foo123', '([0-9]+)', 1)", row: ['123'] },
  {
    sql: "select regex_match('hello world', '(l)(o).*', 0), regex_match('hello world', '(l)(o).*', 1), regex_match('hello world', '(l)(o).*', 2), regex_match('hello world', '(l)(o).*', 3)",
    row: ['lo world', 'l', 'o', null],
  },
  {
    sql: "select regex_match('hello world', '(\\w+) .*(or|ld)', 0), regex_match('hello world', '(\\w+) .*(or|ld)', 1), regex_match('hello world', '(\\w+) .*(or|ld)', 2), regex_match('hello world', '(\\w+) .*(or|ld)', 3)",
    row: ['hello world', 'hello', 'ld', null],
  },
  { sql: "select regex_match('/filesystem/path/download.extension.zip', '.+/([^./]+)', 1)", row: ['download'] },
  { name: 'regex_match: doc example', sql: "select regex_match('hello world. Goodbye', '(\\w+) \\w+', 0), regex_match('hello world. Goodbye', '(\\w+) \\w+', 1)", row: ['hello world', 'hello'] },
  { name: 'regex_match: empty pattern matches empty', sql: "select regex_match('hello world', '', 0)", row: [''] },
  { name: 'regex_match: bare | matches empty', sql: "select regex_match('foo/bar', '|', 0)", row: [''] },
  { name: 'regex_match: unbalanced paren', sql: "select regex_match('foo/bar', '(/', 0)", error: 'Invalid regex' },
  { name: 'regex_match: nothing to repeat', sql: "select regex_match('foo/bar', '+', 0)", error: 'Invalid regex' },
  { name: 'regex_match: pattern over 256 bytes', sql: `select regex_match('foo/bar', '${bar257}', 0)`, error: 'Invalid regex: too big, max size is 256 bytes' },
  { name: 'regex_match: pattern of 256 bytes', sql: `select regex_match('foo/bar', '${bar256}', 0)`, row: [''] },
  { name: 'regex_match: no match, NULL arguments, negative index', sql: "select regex_match('abc', 'x', 0), regex_match(NULL, 'a', 0), regex_match('a', NULL, 0), regex_match('a', 'a', NULL), regex_match('a', 'a', -1)", row: [null, null, null, null, null] },
  { name: 'regex_match: a group that took no part is empty text', sql: "select regex_match('ab', 'a(x)?b', 1)", row: [''] },
  { name: 'regex_match: first match, leftmost', sql: "select regex_match('a1b22c333', '[0-9]+', 0)", row: ['1'] },
  { name: 'regex_match: back-reference', sql: "select regex_match('xaay', '(a)\\1', 0)", row: ['aa'] },
  { name: 'regex_match: POSIX classes in brackets', sql: "select regex_match('abc123', '[[:digit:]]+', 0), regex_match('abc123', '[^[:alpha:]]+', 0)", row: ['123', '123'] },
  // std::regex rejects these; JavaScript alone would accept them.
  { name: 'regex_match: lookbehind is not ECMAScript 3', sql: "select regex_match('ab', '(?<=a)b', 0)", error: 'Invalid regex' },
  { name: 'regex_match: named groups are rejected', sql: "select regex_match('ab', '(?<n>a)', 0)", error: 'Invalid regex' },
  { name: 'regex_match: a lone { is rejected', sql: "select regex_match('a{', 'a{', 0)", error: 'Invalid regex' },
  { name: 'regex_match: forward back-reference is rejected', sql: "select regex_match('aa', '\\1(a)', 0)", error: 'Invalid regex' },
  { name: 'regex_match: unknown POSIX class is rejected', sql: "select regex_match('a', '[[:nope:]]', 0)", error: 'Invalid regex' },
  { name: 'regex_match: interval quantifier', sql: "select regex_match('aaaa', 'a{2,3}', 0)", row: ['aaa'] },
  // Bytes, not characters: é is two bytes, and \s is C isspace (no NBSP).
  { name: 'regex_match: . matches one byte', sql: "select regex_match('é', '^.$', 0), regex_match('é', '^..$', 0)", row: [null, 'é'] },
  { name: 'regex_match: \\s is C isspace', sql: "select regex_match(CAST(X'41C2A042' AS TEXT), 'A\\s', 0), regex_match('A\tB', 'A\\sB', 0)", row: [null, 'A\tB'] },
  { name: 'regex_match: . stops at newline', sql: "select regex_match('ab' || char(10) || 'c', 'b.', 0)", row: [null] },
];

const splitCases: SqlCase[] = [
  {
    sql: "select regex_split('/foo/bar', '/', 0), regex_split('/foo/bar', '/', 1), regex_split('/foo/bar', '/', 2), regex_split('/foo/bar', '/', 3)",
    row: ['', 'foo', 'bar', null],
  },
  { sql: "select regex_split('foo;;bar', ';;', 0), regex_split('foo;;bar', ';;', 1), regex_split('foo;;bar', ';;', 2)", row: ['foo', 'bar', null] },
  {
    sql: "select regex_split('foo;bar//qux', '(;|/)+', 0), regex_split('foo;bar//qux', '(;|/)+', 1), regex_split('foo;bar//qux', '(;|/)+', 2), regex_split('foo;bar//qux', '(;|/)+', 3)",
    row: ['foo', 'bar', 'qux', null],
  },
  { sql: "select regex_split('/filesystem/path/download.extension.zip', '(.*/)|(.extension.zip)', 1)", row: ['download'] },
  { name: 'regex_split: empty pattern is split input error', sql: "select regex_split('foo/bar', '', 0)", error: 'Invalid input to split function' },
  { name: 'regex_split: unbalanced paren', sql: "select regex_split('foo/bar', '(/', 0)", error: 'Invalid regex' },
  { name: 'regex_split: nothing to repeat', sql: "select regex_split('foo/bar', '+', 0)", error: 'Invalid regex' },
  { name: 'regex_split: bare | gives an empty first piece', sql: "select regex_split('foo/bar', '|', 0)", row: [''] },
  { name: 'regex_split: pattern over 256 bytes', sql: `select regex_split('foo/bar', '${bar257}', 0)`, error: 'Invalid regex' },
  { name: 'regex_split: no match keeps the whole input', sql: "select regex_split('abc', 'x', 0), regex_split('', 'x', 0), regex_split('abc', 'x', 1)", row: ['abc', '', null] },
  { name: 'regex_split: empty inner pieces kept, empty tail dropped', sql: "select regex_split('a,,b,', ',', 1), regex_split('a,,b,', ',', 2), regex_split('a,,b,', ',', 3)", row: ['', 'b', null] },
  {
    name: 'regex_split: empty matches advance one byte at a time',
    sql: "select regex_split('abc', 'x*', 0), regex_split('abc', 'x*', 1), regex_split('abc', 'x*', 2), regex_split('abc', 'x*', 3), regex_split('abc', 'x*', 4)",
    row: ['', 'a', 'b', 'c', null],
  },
  { name: 'regex_split: numbers are split as text', sql: "select regex_split(500, '[1-5]', 0), regex_split(500, '[1-5]', 1)", row: ['', '00'] },
  { name: 'regex_split: NULL arguments', sql: "select regex_split(NULL, ',', 0), regex_split('a', NULL, 0), regex_split('a', ',', NULL)", row: [null, null, null] },
];

testSqlCases('regex_match', matchCases);
testSqlCases('regex_split', splitCases);
