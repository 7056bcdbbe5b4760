import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kernelKeysTable, parseProcKeys } from './kernel-keys.js';
import { buildShmRow, formatShmPermissions, parseSysvipcShm, sharedMemoryTable } from './shared-memory.js';
import { parseProcLimits, ulimitInfoTable } from './ulimit-info.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/host', import.meta.url));
const fixture = (path: string): string => readFileSync(`${root}${path}`, 'latin1');

test('parseProcLimits gives osquery names, keeps "unlimited", skips the realtime timeout and sorts by type', () => {
  const rows = parseProcLimits(fixture('/proc/self/limits'));
  assert.deepEqual(rows.map((r) => r.type), ['as', 'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'sigpending', 'stack']);
  assert.deepEqual(rows.find((r) => r.type === 'nofile'), { type: 'nofile', soft_limit: '1024', hard_limit: '524288' });
  assert.deepEqual(rows.find((r) => r.type === 'cpu'), { type: 'cpu', soft_limit: 'unlimited', hard_limit: 'unlimited' });
  assert.deepEqual(rows.find((r) => r.type === 'nice'), { type: 'nice', soft_limit: '0', hard_limit: '0' });
});

test('ulimit_info reports this process limits with osquery shapes', () => {
  const { rows } = runGenerator(ulimitInfoTable);
  assert.equal(rows.length, 15);
  const limit = /^(unlimited|\d+)$/;
  assert.deepEqual(validateRows('ulimit_info', rows, { type: 'NonEmptyString', soft_limit: limit, hard_limit: limit }), []);
});

test('parseSysvipcShm maps each segment by the header names', () => {
  const [first] = parseSysvipcShm(fixture('/proc/sysvipc/shm'));
  assert.equal(first?.get('shmid'), '4');
  assert.equal(first?.get('perms'), '1600');
  assert.equal(first?.get('swap'), '0');
});

const permissionCases: Array<[number, string]> = [[0o600, '0600'], [0o1600, '1600'], [0o3666, '3666'], [0o100644, '0644']];
for (const [mode, text] of permissionCases) {
  test(`formatShmPermissions(0o${mode.toString(8)}) is ${text} as osquery's lsperms`, () => assert.equal(formatShmPermissions(mode), text));
}

test('shared_memory reads the fixture: dest and locked bits, uids only for known users', () => {
  const { rows } = runGenerator(sharedMemoryTable, { paths: { root } });
  assert.deepEqual(rows, [
    { shmid: '4', owner_uid: '1000', creator_uid: '1000', pid: '2214', creator_pid: '1510', atime: '1717000100', dtime: '1717000050', ctime: '1717000000', permissions: '1600', size: '524288', attached: '2', status: 'dest', locked: 0 },
    { shmid: '32773', creator_uid: '0', pid: '990', creator_pid: '990', atime: '0', dtime: '0', ctime: '1717000300', permissions: '0600', size: '4096', attached: '0', status: '', locked: 0 },
    { shmid: '6', owner_uid: '1000', creator_uid: '1000', pid: '0', creator_pid: '700', atime: '1717000400', dtime: '0', ctime: '1717000350', permissions: '2666', size: '1048576', attached: '1', status: '', locked: 1 },
  ]);
});

test('buildShmRow leaves owner_uid unset when the user is unknown', () => {
  const [seg] = parseSysvipcShm(fixture('/proc/sysvipc/shm'));
  assert.ok(seg);
  const row = buildShmRow(seg, () => false);
  assert.equal(row.owner_uid, undefined);
  assert.equal(row.creator_uid, undefined);
});

test('shared_memory has osquery column shapes on this host', () => {
  const { rows } = runGenerator(sharedMemoryTable);
  assert.deepEqual(
    validateRows('shared_memory', rows, {
      shmid: 'NonNegativeInt', owner_uid: 'NonNegativeOrEmptyInt', creator_uid: 'NonNegativeOrEmptyInt', pid: 'NonNegativeInt',
      creator_pid: 'NonNegativeInt', atime: 'NonNegativeInt', dtime: 'NonNegativeInt', ctime: 'NonNegativeInt',
      permissions: /^[0-7]{4}$/, size: 'NonNegativeInt', attached: 'NonNegativeInt', status: /^(dest)?$/, locked: 'Bool',
    }),
    [],
  );
});

test('parseProcKeys keeps only ten-word lines and joins the description halves as osquery does', () => {
  const rows = parseProcKeys(fixture('/proc/keys'));
  assert.deepEqual(rows.map((r) => r.description), ['.dns_resolver:empty', '.user_reg:2', '_uid.1000:empty', '_ses:1', '.builtin_trusted_keys:1', 'token:32']);
  assert.deepEqual(rows[5], {
    serial_number: '0c1d2e3f', flags: 'I--Q---', usage: '1', timeout: '59m', permissions: '3f010000', uid: '1000', gid: '1000', type: 'user', description: 'token:32',
  });
});

test('kernel_keys has osquery column shapes on this host', () => {
  const { rows } = runGenerator(kernelKeysTable);
  assert.deepEqual(
    validateRows('kernel_keys', rows, {
      serial_number: /^[0-9a-f]{8}$/, flags: /^[-A-Z]{7}$/, usage: 'NonNegativeInt', timeout: 'NonEmptyString',
      permissions: /^[0-9a-f]{8}$/, uid: 'NonNegativeInt', gid: 'NonNegativeInt', type: 'NonEmptyString', description: 'NonEmptyString',
    }),
    [],
  );
});
