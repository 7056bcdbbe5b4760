import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { usersTable } from './users.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/ubuntu-host', import.meta.url));

test('users yields every local account with osquery column shapes', () => {
  const { rows } = runGenerator(usersTable);
  const rootUser = rows.find((r) => r.uid === 0);
  assert.equal(rootUser?.username, 'root');
  assert.equal(rootUser?.directory, '/root');
  assert.deepEqual(
    validateRows('users', rows, {
      uid: 'NonNegativeInt', gid: 'NonNegativeInt', uid_signed: 'Int', gid_signed: 'Int', username: 'NonEmptyString',
      description: 'String', directory: 'String', shell: 'String', uuid: (v) => v === '', pid_with_namespace: (v) => v === '0',
      include_remote: (v) => v === '0',
    }),
    [],
  );
});

test('users maps the passwd fields to columns, with signed views of large ids', () => {
  const { rows } = runGenerator(usersTable, { paths: { root } });
  assert.equal(rows.length, 10);
  assert.deepEqual(rows.find((r) => r.username === 'alice'), {
    uid: 1000, gid: 1000, uid_signed: 1000, gid_signed: 1000, username: 'alice', description: 'Alice Example,Room 42,555-0100,,',
    directory: '/home/alice', shell: '/bin/bash', pid_with_namespace: 0, include_remote: 0,
  });
  const big = rows.find((r) => r.username === 'svc-big');
  assert.deepEqual([big?.uid, big?.uid_signed, big?.gid_signed], [4294967294, -2, -2]);
});

const pushdownCases: Array<{ name: string; constraints: Parameters<typeof runGenerator>[1]; expected: string[] }> = [
  { name: 'uid = 0 returns every account with uid 0', constraints: { constraints: { uid: [{ op: '=', value: 0 }] } }, expected: ['root', 'toor'] },
  { name: 'username wins over uid', constraints: { constraints: { uid: [{ op: '=', value: 0 }], username: [{ op: '=', value: 'bob' }] } }, expected: ['bob'] },
  { name: 'an unknown uid returns nothing', constraints: { constraints: { uid: [{ op: '=', value: 4242 }] } }, expected: [] },
  { name: 'a non-numeric uid is ignored (superset)', constraints: { constraints: { uid: [{ op: '=', value: 'x' }] } }, expected: ['root', 'daemon', 'bin', 'www-data', 'nobody', 'alice', 'bob', 'toor', 'svc-big', 'short'] },
  { name: 'uid = -2 finds the account stored as 4294967294', constraints: { constraints: { uid: [{ op: '=', value: -2 }] } }, expected: ['svc-big'] },
];
for (const c of pushdownCases) {
  test(`users pushdown: ${c.name}`, () => {
    const { rows } = runGenerator(usersTable, { ...c.constraints, paths: { root } });
    assert.deepEqual(rows.map((r) => r.username), c.expected);
  });
}

test('users with pid_with_namespace reads that process\'s /etc/passwd and tags the rows', () => {
  const { rows } = runGenerator(usersTable, { constraints: { pid_with_namespace: [{ op: '=', value: process.pid }], uid: [{ op: '=', value: 0 }] } });
  assert.equal(rows[0]?.username, 'root');
  assert.equal(rows[0]?.pid_with_namespace, process.pid);
});

test('users with include_remote = 1 answers through NSS and marks the rows', () => {
  const { rows } = runGenerator(usersTable, { constraints: { include_remote: [{ op: '=', value: 1 }], uid: [{ op: '=', value: 0 }] } });
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.username, 'root');
  assert.equal(rows[0]?.include_remote, 1);
});
