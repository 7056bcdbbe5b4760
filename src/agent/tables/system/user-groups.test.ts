import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { userGroupsTable } from './user-groups.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/ubuntu-host', import.meta.url));

test('user_groups yields (uid, gid) pairs with osquery column shapes, root in group 0', () => {
  const { rows } = runGenerator(userGroupsTable);
  assert.ok(rows.some((r) => r.uid === 0 && r.gid === 0));
  assert.deepEqual(validateRows('user_groups', rows, { uid: 'NonNegativeInt', gid: 'NonNegativeInt' }), []);
});

test('user_groups lists the primary gid first, then supplementary groups once each', () => {
  const { rows } = runGenerator(userGroupsTable, { paths: { root } });
  const groupsOf = (uid: number): unknown[] => rows.filter((r) => r.uid === uid).map((r) => r.gid);
  assert.deepEqual(groupsOf(1000), [1000, 4, 27, 100, 1500]);
  // bob is listed in sudo (27) and again in admins-dup (27): one row.
  assert.deepEqual(groupsOf(1001), [1001, 27, 100]);
  // root and toor share uid 0: only the first account counts.
  assert.deepEqual(groupsOf(0), [0]);
  // a primary gid without a group entry is still reported.
  assert.deepEqual(groupsOf(1003), [1003]);
});

test('user_groups with uid = N looks up only that user', () => {
  const { rows } = runGenerator(userGroupsTable, { paths: { root }, constraints: { uid: [{ op: '=', value: 1001 }, { op: '=', value: 424242 }] } });
  assert.deepEqual(rows, [{ uid: 1001, gid: 1001 }, { uid: 1001, gid: 27 }, { uid: 1001, gid: 100 }]);
});
