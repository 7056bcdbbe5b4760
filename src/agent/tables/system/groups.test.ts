import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { groupsTable } from './groups.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/ubuntu-host', import.meta.url));

test('groups yields every local group with osquery column shapes', () => {
  const { rows } = runGenerator(groupsTable);
  assert.equal(rows.find((r) => r.gid === 0)?.groupname, 'root');
  assert.deepEqual(
    validateRows('groups', rows, { gid: 'NonNegativeInt', gid_signed: 'Int', groupname: 'NonEmptyString', pid_with_namespace: (v) => v === '0' }),
    [],
  );
});

test('groups keeps the first entry per gid, in file order', () => {
  const { rows } = runGenerator(groupsTable, { paths: { root } });
  assert.deepEqual(
    rows.map((r) => r.groupname),
    ['root', 'daemon', 'bin', 'adm', 'sudo', 'www-data', 'users', 'nogroup', 'alice', 'bob', 'developers', 'big'],
  );
  assert.deepEqual(rows.find((r) => r.groupname === 'big'), { gid: 4294967294, gid_signed: -2, groupname: 'big', pid_with_namespace: 0 });
});

const pushdownCases = [
  { name: 'gid = 27 gives the first group with it', gids: [27], expected: ['sudo'] },
  { name: 'several gids come back in constraint order', gids: [1000, 4], expected: ['alice', 'adm'] },
  { name: 'an unknown gid gives nothing', gids: [31337], expected: [] },
];
for (const c of pushdownCases) {
  test(`groups pushdown: ${c.name}`, () => {
    const { rows } = runGenerator(groupsTable, { paths: { root }, constraints: { gid: c.gids.map((value) => ({ op: '=' as const, value })) } });
    assert.deepEqual(rows.map((r) => r.groupname), c.expected);
  });
}

test('groups with pid_with_namespace tags the rows with that pid', () => {
  const { rows } = runGenerator(groupsTable, { constraints: { pid_with_namespace: [{ op: '=', value: process.pid }], gid: [{ op: '=', value: 0 }] } });
  assert.deepEqual(rows, [{ gid: 0, gid_signed: 0, groupname: 'root', pid_with_namespace: process.pid }]);
});

test('groups with pid_with_namespace of a missing process returns nothing', () => {
  const { rows } = runGenerator(groupsTable, { paths: { root }, constraints: { pid_with_namespace: [{ op: '=', value: 999999 }] } });
  assert.deepEqual(rows, []);
});
