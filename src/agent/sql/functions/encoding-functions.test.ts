import { testSqlCases, type SqlCase } from './sql-cases.js';

// osquery/sql/tests/sql.cpp (test_sql_base64_*), docs/wiki/introduction/sql.md,
// and boost's base64 iterators as osquery::base64::decode uses them.
const cases: SqlCase[] = [
  { sql: "select to_base64('test'), from_base64('dGVzdA=='), conditional_to_base64('test')", row: ['dGVzdA==', 'test', 'test'] },
  { name: 'conditional_to_base64: non-ASCII is encoded', sql: "select conditional_to_base64('悪因悪果')", row: ['5oKq5Zug5oKq5p6c'] },
  { name: 'base64: doc examples', sql: "select to_base64('CPU0'), from_base64(to_base64('CPU0')), conditional_to_base64('CPU0' || char(183))", row: ['Q1BVMA==', 'CPU0', 'Q1BVMMK3'] },
  { name: 'conditional_to_base64: control characters are encoded', sql: "select conditional_to_base64('a' || char(9) || 'b'), conditional_to_base64(''), conditional_to_base64('~ !')", row: ['YQli', '', '~ !'] },
  { name: 'base64: NULL stays NULL, empty stays empty', sql: "select to_base64(NULL), from_base64(NULL), conditional_to_base64(NULL), to_base64(''), from_base64('')", row: [null, null, null, '', ''] },
  { name: 'to_base64: blobs and numbers', sql: "select to_base64(X'00ff'), to_base64(X'61006263'), to_base64(12), to_base64(1.5)", row: ['AP8=', 'YQBiYw==', 'MTI=', 'MS41'] },
  { name: 'from_base64: binary output is TEXT with the raw bytes', sql: "select typeof(from_base64('AP8=')), hex(from_base64('AP8=')), length(from_base64('YQBiYw=='))", row: ['text', '00FF', '1'] },
  { name: 'from_base64: padding is optional', sql: "select from_base64('Q1BVMA'), from_base64('Q1BVMA='), from_base64('QQ'), from_base64('QUI')", row: ['CPU0', 'CPU0', 'A', 'AB'] },
  { name: 'from_base64: \\n and \\r\\n are dropped', sql: "select from_base64('Q1BV' || char(10) || 'MA=='), from_base64('Q1BV' || char(13, 10) || 'MA==')", row: ['CPU0', 'CPU0'] },
  { name: 'from_base64: invalid input gives empty text', sql: "select from_base64('not base64!'), from_base64('Q1BV' || char(13) || 'MA=='), from_base64('Q'), from_base64('Q1BVM')", row: ['', '', '', ''] },
  { name: 'from_base64: an inner = reads as zero bits', sql: "select hex(from_base64('QQ==QQ=='))", row: ['41000041'] },
];

testSqlCases('to_base64, from_base64, conditional_to_base64', cases);
