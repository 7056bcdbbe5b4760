import { testSqlCases, type SqlCase } from './sql-cases.js';

// Expected values from osquery/sql/tests/sql.cpp (test_split_*, test_concat*),
// the examples in sqlite_string.cpp and docs/wiki/introduction/sql.md. osquery's
// tests read a NULL cell as "", here NULL stays null.
const splitCases: SqlCase[] = [
  { name: 'split: Fleet usage', sql: "select split('a,b,c', ',', 1)", row: ['b'] },
  { sql: "select split('/foo/bar', '/', 0), split('/foo/bar', '/', 1), split('/foo/bar', '/', 2)", row: ['foo', 'bar', null] },
  { sql: "select split('foo;;bar', ';;', 0), split('foo;;bar', ';;', 1), split('foo;;bar', ';;', 2)", row: ['foo', 'bar', null] },
  { name: 'split: an empty token is an error', sql: "select split('foo;;bar', '', 0)", error: 'Invalid input to split function' },
  { name: 'split: each token character splits', sql: "select split('192.168.0.1', '.', 1), split('192.168.0.1', '.0', 0), split('192.168.0.1', '.0', 2)", row: ['168', '192', '1'] },
  { name: 'split: numbers are split as their text', sql: 'select split(500, 1, 0), split(1001, 1, 0)', row: ['500', '00'] },
  { name: 'split: pieces are trimmed, empty pieces dropped', sql: "select split(' a , b ', ',', 0), split(' a , b ', ',', 1), split(',,x,,', ',', 0)", row: ['a', 'b', 'x'] },
  { name: 'split: a blank piece stays as empty text', sql: "select split('a, ,b', ',', 1), split('a, ,b', ',', 2)", row: ['', 'b'] },
  { name: 'split: NULL in any argument', sql: "select split(NULL, ',', 0), split('a', NULL, 0), split('a', ',', NULL)", row: [null, null, null] },
  { name: 'split: index read as an int', sql: "select split('a,b', ',', '1'), split('a,b', ',', 1.9), split('a,b', ',', -1)", row: ['b', 'b', null] },
  { name: 'split: multi-byte text', sql: "select split('ä|ö', '|', 1)", row: ['ö'] },
];

const concatCases: SqlCase[] = [
  {
    sql: "select concat(), concat('hello'), concat('hello', 'world'), concat('hello', NULL, 'world'), concat(1, 2, 3, 'go'), concat('')",
    row: [null, 'hello', 'helloworld', 'helloworld', '123go', ''],
  },
  { name: 'concat: doc example', sql: "select concat('hello', NULL, ' ', 'world')", row: ['hello world'] },
  { name: 'concat: reals render as SQLite text', sql: 'select concat(1.5, 2.0, -0.25)', row: ['1.52.0-0.25'] },
  {
    sql: "select concat_ws(''), concat_ws(NULL), concat_ws(', ', 'hello', 'world', 1, 2, 3), concat_ws('', 'hello', 'world', 1, 2, 3)",
    row: [null, null, 'hello, world, 1, 2, 3', 'helloworld123'],
  },
  {
    sql: "select concat_ws(NULL, 'hello', 'world', 1, 2, 3), concat_ws(' ', 'hello', NULL, 'world'), concat_ws('x', 'hello'), concat_ws('x', '', '')",
    row: ['helloworld123', 'hello world', 'hello', 'x'],
  },
  { name: 'concat_ws: a trailing NULL leaves the separator (osquery quirk)', sql: "select concat_ws('-', 'a', NULL), concat_ws('-', NULL, 'b')", row: ['a-', 'b'] },
  { name: 'concat_ws: no separator is an error', sql: 'select concat_ws()', error: 'Missing separator to concat_ws' },
];

testSqlCases('split', splitCases);
testSqlCases('concat and concat_ws', concatCases);
