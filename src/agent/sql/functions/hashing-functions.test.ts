import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openFunctionConnection, testSqlCases, type SqlCase } from './sql-cases.js';

// osquery/sql/tests/sql.cpp (test_sql_md5/sha1/sha256),
// osquery/sql/tests/sqlite_hashing_tests.cpp (community_id_v1*) and the
// examples in docs/wiki/introduction/sql.md.
const digestCases: SqlCase[] = [
  {
    sql: "select md5('test'), sha1('test'), sha256('test')",
    row: ['098f6bcd4621d373cade4e832627b4f6', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  },
  // The doc's sha1('Guest'); its md5/sha256 examples do not match any input shown, so these come from Python hashlib.
  { name: 'digests: doc example and hashlib values', sql: "select sha1('Guest'), sha256('System'), md5('Guest')", row: ['face83ee3014bdc8f98203cc94e2e89222452e90', '6725e7bbcd28f3a8a586fa34bf191fd72dde8b61756932cd3237c17a6f196f1a', 'adb831a7fdd83dd1e2a309ce7591dff8'] },
  { name: 'digests: NULL and empty', sql: "select md5(NULL), sha1(NULL), sha256(NULL), md5('')", row: [null, null, null, 'd41d8cd98f00b204e9800998ecf8427e'] },
  { name: 'digests: numbers hash as their text', sql: "select md5(123) = md5('123'), sha1(1.5) = sha1('1.5')", row: ['1', '1'] },
  { name: 'digests: the value ends at its first NUL byte', sql: "select md5(X'6162006364') = md5('ab')", row: ['1'] },
];

const tcp = '1:LQU9qZlK+B5F3KDmev6m5PMibrg=';
const tcpSeed1 = '1:3V71V58M3Ksw/yuFALMcW0LAHvc=';
const communityCases: SqlCase[] = [
  { sql: "select community_id_v1('66.35.250.204', '128.232.110.120', 80, 34855, 6, 0)", row: [tcp] },
  { sql: "select community_id_v1('128.232.110.120', '66.35.250.204', 34855, 80, 6)", row: [tcp] },
  { sql: "select community_id_v1('66.35.250.204', '128.232.110.120', 80, 34855, 6, 1)", row: [tcpSeed1] },
  { sql: "select community_id_v1('128.232.110.120', '66.35.250.204', 34855, 80, 6, 1)", row: [tcpSeed1] },
  { sql: "select community_id_v1('127.0.0.1', 'fe80::14b0:de4a:f8e8:522f', 64, 10, 6)", row: ['1:Jww+Ua4pSUNl9TvSUwvSHL4n93w='] },
  { sql: "select community_id_v1('fe80::14b0:de4a:f8e8:522f', '127.0.0.1', 10, 64, 6, 0)", row: ['1:Jww+Ua4pSUNl9TvSUwvSHL4n93w='] },
  { sql: "select community_id_v1('192.168.170.8', '192.168.170.56', 7, 80, 132, 0)", row: ['1:jQgCxbku+pNGw8WPbEc/TS/uTpQ='] },
  { sql: "select community_id_v1('192.168.170.56', '192.168.170.8', 80, 7, 132, 0)", row: ['1:jQgCxbku+pNGw8WPbEc/TS/uTpQ='] },
  { sql: "select community_id_v1('192.168.170.8', '192.168.170.56', 7, 80, 132, 1)", row: ['1:Y1/0jQg6e+I3ZwZZ9LP65DNbTXU='] },
  { sql: "select community_id_v1('192.168.170.56', '192.168.170.8', 80, 7, 132, 1)", row: ['1:Y1/0jQg6e+I3ZwZZ9LP65DNbTXU='] },
  { sql: "select community_id_v1('192.168.1.52', '8.8.8.8', 54585, 53, 17, 0)", row: ['1:d/FP5EW3wiY1vCndhwleRRKHowQ='] },
  { sql: "select community_id_v1('8.8.8.8', '192.168.1.52', 53, 54585, 17, 0)", row: ['1:d/FP5EW3wiY1vCndhwleRRKHowQ='] },
  { sql: "select community_id_v1('192.168.1.52', '8.8.8.8', 54585, 53, 17, 1)", row: ['1:Q9We8WO3piVF8yEQBNJF4uiSVrI='] },
  { sql: "select community_id_v1('8.8.8.8', '192.168.1.52', 53, 54585, 17, 1)", row: ['1:Q9We8WO3piVF8yEQBNJF4uiSVrI='] },
  { name: 'community_id_v1: doc IPv6 example', sql: "select community_id_v1('66.35.250.204', '2001:0:3238:DFE1:63::FEFB', 80, 2347, 6)", row: ['1:rxU6O+b2d9kbSWjRmVDoBbowx6g='] },
  { name: 'community_id_v1: doc seed example', sql: "select community_id_v1('66.35.250.204', '2001:0:3238:DFE1:63::FEFB', 80, 2347, 6, 37)", row: ['1:jmJ2ORP31di4mtsQPIKzyoEb3yo='] },
  { name: 'community_id_v1: bad input gives NULL', sql: "select community_id_v1('192.168.1.52', 'foo', 10, 53, 17, 0), community_id_v1('192.168.1.52', '192.168.1.1', 10, 53, 17, 100000000), community_id_v1(NULL, '1.1.1.1', 1, 2, 6)", row: [null, null, null] },
  { name: 'community_id_v1_strict: same hash', sql: "select community_id_v1_strict('66.35.250.204', '128.232.110.120', 80, 34855, 6)", row: [tcp] },
  { sql: "select community_id_v1_strict('192.168.1.52', 'foo', 10, 53, 17, 0)", error: 'Community ID daddr cannot be parsed as IP' },
  { sql: "select community_id_v1_strict('foo', '192.168.1.52', 10, 53, 17)", error: 'Community ID saddr cannot be parsed as IP' },
  { sql: "select community_id_v1_strict('192.168.1.52', '192.168.1.1', 10, 53, 17, 100000000)", error: 'Community ID seed must fit in 2 bytes' },
  { sql: "select community_id_v1_strict('192.168.1.52', '192.168.1.1', 10, 53, 17, '1')", error: 'Community ID seed must be an integer' },
  { sql: "select community_id_v1_strict(3232235828, '192.168.1.1', 10, 53, 17)", error: 'Community ID IPs must be strings' },
  { sql: "select community_id_v1_strict('1.1.1.1', '2.2.2.2', '10', 53, 17)", error: 'Community ID ports must be integers' },
  { sql: "select community_id_v1_strict('1.1.1.1', '2.2.2.2', 10, 65536, 17)", error: 'Community ID ports must fit in 2 bytes' },
  { sql: "select community_id_v1_strict('1.1.1.1', '2.2.2.2', 10, 53, 6.0)", error: 'Community ID protocol must be an integer' },
  { sql: "select community_id_v1_strict('1.1.1.1', '2.2.2.2', 10, 53, 256)", error: 'Community ID protocol must fit in 1 byte' },
  { name: 'community_id_v1: needs 5 or 6 arguments', sql: "select community_id_v1('1.1.1.1', '2.2.2.2', 10, 53)", error: 'wrong number of arguments to function community_id_v1()' },
];

testSqlCases('md5, sha1, sha256', digestCases);
testSqlCases('community_id_v1', communityCases);

test('community_id_v1 reports why it returned NULL through onWarning', async () => {
  const warnings: string[] = [];
  const conn = await openFunctionConnection({ onWarning: (m) => warnings.push(m) });
  try {
    assert.deepEqual(await conn.query("select community_id_v1('1.1.1.1', 'foo', 1, 2, 6)"), [[null]]);
    assert.deepEqual(warnings, ['Community ID daddr cannot be parsed as IP']);
  } finally {
    await conn.close();
  }
});
