import { test } from 'node:test';
import assert from 'node:assert/strict';
import { machine } from 'node:os';
import { fileURLToPath } from 'node:url';
import { osVersionTable } from './os-version.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const testdata = (name: string): string => fileURLToPath(new URL(`./testdata/${name}`, import.meta.url));

test('os_version yields one row with osquery column shapes', () => {
  const { rows } = runGenerator(osVersionTable);
  assert.equal(rows.length, 1);
  assert.deepEqual(
    validateRows('os_version', rows, {
      name: 'NonEmptyString', version: 'String', major: 'NonNegativeInt', minor: 'NonNegativeInt', patch: 'NonNegativeInt',
      build: 'String', platform: 'NonEmptyString', platform_like: 'String', codename: 'String', arch: 'NonEmptyString',
      pid_with_namespace: (v) => v === '0', mount_namespace_id: (v) => v === '',
    }),
    [],
  );
});

test('os_version fills an Ubuntu host from /etc/os-release', () => {
  const { rows } = runGenerator(osVersionTable, { paths: { root: testdata('ubuntu-host') } });
  assert.deepEqual(rows, [{
    name: 'Ubuntu', version: '22.04.4 LTS (Jammy Jellyfish)', major: '22', minor: '04', patch: '0', platform: 'ubuntu',
    platform_like: 'debian', codename: 'jammy', arch: machine(), pid_with_namespace: 0,
  }]);
});

test('os_version lets /etc/redhat-release override platform, name, numbers and version', () => {
  const { rows } = runGenerator(osVersionTable, { paths: { root: testdata('centos-host') } });
  assert.deepEqual(rows[0], {
    name: 'CentOS Linux', version: 'CentOS Linux release 7.9.2009 (Core)', major: '7', minor: '9', patch: '2009', build: '',
    platform: 'rhel', platform_like: 'rhel', arch: machine(), pid_with_namespace: 0,
  });
});

test('os_version falls back to Unknown/posix without release files', () => {
  const { rows } = runGenerator(osVersionTable, { paths: { root: testdata('os-release') } });
  assert.deepEqual(rows[0], { name: 'Unknown', major: '0', minor: '0', patch: '0', platform: 'posix', arch: machine(), pid_with_namespace: 0 });
});

test('os_version with pid_with_namespace reports that pid and its mount namespace id', () => {
  const { rows } = runGenerator(osVersionTable, { constraints: { pid_with_namespace: [{ op: '=', value: process.pid }] } });
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.pid_with_namespace, process.pid);
  assert.match(String(rows[0]?.mount_namespace_id), /^\d+$/);
});
