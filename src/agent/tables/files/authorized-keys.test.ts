import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { authorizedKeysTable } from './authorized-keys.js';

const root = join(import.meta.dirname, 'testdata/host');
const warning = 'The authorized_keys table returns data based on the current user by default, consider JOINing against the users table';

test('authorized_keys reads the calling user live, warns, with osquery column shapes', () => {
  const { rows, warnings } = runGenerator(authorizedKeysTable);
  assert.deepEqual(warnings, [warning]);
  assert.deepEqual(
    validateRows('authorized_keys', rows, { uid: 'NonNegativeInt', algorithm: 'String', key: 'String', options: 'String', comment: 'String', key_file: 'NonEmptyString' }),
    [],
  );
});

test('authorized_keys uid = N reads authorized_keys and authorized_keys2 of those users', () => {
  const { rows, warnings } = runGenerator(authorizedKeysTable, {
    constraints: { uid: [{ op: '=', value: 1000 }, { op: '=', value: '1001' }] },
    paths: { root },
  });
  assert.deepEqual(warnings, []);
  assert.deepEqual(rows, [
    { uid: 1000, algorithm: 'ssh-ed25519', key: 'AAAAalice', comment: 'alice@laptop', key_file: '/home/alice/.ssh/authorized_keys', pid_with_namespace: 0 },
    // bob's home is written with a trailing '/', as boost joins it.
    { uid: 1001, algorithm: 'ssh-rsa', options: 'from="10.0.0.0/8"', key: 'AAAAbob', key_file: '/home/bob/.ssh/authorized_keys2', pid_with_namespace: 0 },
  ]);
});

test('authorized_keys with a non-equality uid constraint reads the calling user without the warning', () => {
  const { warnings } = runGenerator(authorizedKeysTable, { constraints: { uid: [{ op: '>', value: 0 }] }, paths: { root } });
  assert.deepEqual(warnings, []);
});
