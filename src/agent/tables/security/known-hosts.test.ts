import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { knownHostsTable } from './known-hosts.js';

const root = join(import.meta.dirname, 'testdata/host');
const warning = 'The known_hosts table returns data based on the current user by default, consider JOINing against the users table';

test('known_hosts keeps hashed, plain and marker lines whole, trimmed, without comments or blanks', () => {
  const { rows, warnings } = runGenerator(knownHostsTable, { paths: { root }, constraints: { uid: [{ op: '=', value: '1000' }] } });
  assert.deepEqual(warnings, []);
  const file = '/home/alice/.ssh/known_hosts';
  assert.deepEqual(rows.map((r) => [r.uid, r.key, r.key_file]), [
    [1000, 'github.com,140.82.121.3 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', file],
    [1000, '|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|USECr3SWf1JUPsms5AqfD5QfxkM= ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7', file],
    [1000, '@cert-authority *.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyCA', file],
    [1000, '[bastion.example.com]:2222 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY=', file],
  ]);
});

test('known_hosts without uid reads only the calling user, with the user_data warning', () => {
  const { rows, warnings } = runGenerator(knownHostsTable, { paths: { root } });
  assert.deepEqual(warnings, [warning]);
  const expected = process.getuid?.() === 0 ? [[0, '/root/.ssh/known_hosts']] : [];
  assert.deepEqual(rows.map((r) => [r.uid, r.key_file]), expected);
});

test('known_hosts reads nobody for unknown, non-numeric or file-less uids', () => {
  for (const value of [4242, 'abc', 1001]) {
    const { rows } = runGenerator(knownHostsTable, { paths: { root }, constraints: { uid: [{ op: '=', value }] } });
    assert.deepEqual(rows, [], `uid ${value}`);
  }
});

test('known_hosts live rows have osquery column shapes', () => {
  const { rows } = runGenerator(knownHostsTable);
  assert.deepEqual(validateRows('known_hosts', rows, { uid: 'NonNegativeInt', key: 'NonEmptyString', key_file: 'NonEmptyString' }), []);
});
