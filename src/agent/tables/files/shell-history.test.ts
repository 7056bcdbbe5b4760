import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createSqlEngine } from '../../index.js';
import type { TableImpl } from '../table.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { readUtf8 } from '../lib/fs-read.js';
import { parsePasswd } from '../lib/etc-passwd.js';
import { shellHistoryTable } from './shell-history.js';

const root = join(import.meta.dirname, 'testdata/host');
const warning = 'The shell_history table returns data based on the current user by default, consider JOINing against the users table';
const shape = { uid: 'NonNegativeInt', time: 'NonNegativeInt', command: 'String', history_file: 'NonEmptyString' } as const;

test('shell_history reads the calling user live, warns, with osquery column shapes', () => {
  const { rows, warnings } = runGenerator(shellHistoryTable);
  assert.deepEqual(warnings, [warning]);
  assert.deepEqual(validateRows('shell_history', rows, shape), []);
  assert.ok(rows.every((r) => r.uid === process.getuid?.()));
});

test('shell_history uid = N reads that user: every history file, bash_sessions too', () => {
  const { rows, warnings } = runGenerator(shellHistoryTable, { constraints: { uid: [{ op: '=', value: 1000 }] }, paths: { root } });
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    rows.map((r) => [r.uid, r.time, r.command, r.history_file]),
    [
      [1000, '0', 'ls', '/home/alice/.bash_history'],
      [1000, '1700000100', 'vim notes', '/home/alice/.zsh_history'],
      [1000, '0', 'echo from-session', '/home/alice/.bash_sessions/A1.history'],
    ],
  );
});

test('shell_history without uid reads only the calling user from the fixture passwd', () => {
  const { rows, warnings } = runGenerator(shellHistoryTable, { paths: { root } });
  assert.deepEqual(warnings, [warning]);
  const self = process.getuid?.() ?? 0;
  const expected = self === 0 ? [[0, '1700000000', 'sudo -i', '/root/.bash_history']] : [];
  assert.deepEqual(rows.map((r) => [r.uid, r.time, r.command, r.history_file]), expected);
});

test('shell_history uid = an unknown or non-numeric uid reads nobody', () => {
  for (const value of [4242, 'abc']) {
    const { rows } = runGenerator(shellHistoryTable, { constraints: { uid: [{ op: '=', value }] }, paths: { root } });
    assert.deepEqual(rows, []);
  }
});

const fakeUsers: TableImpl = {
  name: 'users',
  reads: [],
  *generate(ctx) {
    for (const u of parsePasswd(readUtf8(ctx.hostPath('/etc/passwd')) ?? '')) yield { uid: u.uid, gid: u.gid, username: u.name, directory: u.dir };
  },
};

async function queryWithUsers(sql: string, warnings: string[]): Promise<unknown[][]> {
  const tables = new Map([fakeUsers, shellHistoryTable].map((t) => [t.name, t]));
  const engine = await createSqlEngine({ tables, paths: { root }, onWarning: (m) => warnings.push(m) });
  try {
    const [result] = await engine.query(sql);
    return (result?.rows ?? []).map((r) => [...r]);
  } finally {
    await engine.close();
  }
}

const everyonesHistory = [['alice', 'echo from-session'], ['alice', 'ls'], ['alice', 'vim notes'], ['root', 'sudo -i']];

test('SQL: users CROSS JOIN shell_history USING (uid) reads each user, without the warning', async () => {
  const warnings: string[] = [];
  const rows = await queryWithUsers('SELECT username, command FROM users CROSS JOIN shell_history USING (uid) ORDER BY username, command', warnings);
  assert.deepEqual(rows, everyonesHistory);
  assert.deepEqual(warnings, []);
});

test('SQL: SELECT * FROM shell_history warns once', async () => {
  const warnings: string[] = [];
  await queryWithUsers('SELECT * FROM shell_history', warnings);
  assert.deepEqual(warnings, [warning]);
});

// osquery's xBestIndex gives `additional` columns (uid here) the same cost as `index` ones, so SQLite puts
// shell_history on the inner side of the join; src/agent/sql/vtab-module.ts does not yet.
test('SQL: users JOIN shell_history USING (uid) reads each user', async () => {
  const warnings: string[] = [];
  const rows = await queryWithUsers('SELECT username, command FROM users JOIN shell_history USING (uid) ORDER BY username, command', warnings);
  assert.deepEqual(rows, everyonesHistory);
});
