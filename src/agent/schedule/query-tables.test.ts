import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTablesInSql } from './query-tables.js';

const known = new Set(['last', 'logged_in_users', 'users', 'authorized_keys', 'processes']);
const cases: Array<[string, string[]]> = [
  ['SELECT * FROM last;', ['last']],
  ['select liu.*, p.name from logged_in_users liu, processes p where liu.pid = p.pid;', ['logged_in_users', 'processes']],
  ['SELECT u.username, k.* FROM users u JOIN "authorized_keys" k USING (uid);', ['users', 'authorized_keys']],
  ["SELECT 'last' AS x FROM processes -- users\n/* last */", ['processes']],
  ["SELECT 'it''s last' FROM [Users]", ['users']],
  ['SELECT lastly FROM mounts', []],
];
for (const [sql, tables] of cases) {
  test(`findTablesInSql() finds [${tables.join(', ')}] in ${JSON.stringify(sql)}`, () => {
    assert.deepEqual([...findTablesInSql(sql, known)].sort(), [...tables].sort());
  });
}
