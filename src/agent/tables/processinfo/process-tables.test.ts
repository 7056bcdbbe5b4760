import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSync, closeSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Constraint, Row } from '../table.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { createFakeHost, type FakeHost } from './fake-host.js';
import { processEnvsTable } from './process-envs.js';
import { processMemoryMapTable } from './process-memory-map.js';
import { processNamespacesTable } from './process-namespaces.js';
import { processOpenFilesTable } from './process-open-files.js';

let host: FakeHost;
before(() => (host = createFakeHost()));
after(() => host.remove());

const pidIs = (...pids: Array<string | number>): Record<string, Constraint[]> => ({ pid: pids.map((value) => ({ op: '=', value })) });
const onFixture = (impl: Parameters<typeof runGenerator>[0], constraints?: Record<string, Constraint[]>): Row[] =>
  runGenerator(impl, { paths: { root: host.root }, constraints }).rows;

test('process_envs reads every process of the fixture /proc', () => {
  const rows = onFixture(processEnvsTable);
  assert.deepEqual(rows.map((r) => `${r.pid} ${r.key}=${r.value}`), [
    '1 HOME=/', '1 TERM=linux', '1 NOEQUALS=NOEQUALS', '1 EMPTY=', '1 OPTS=a=b=c', '1 LANG=C.UTF-8', '1 GREETING=héllo',
    '100 PATH=/usr/bin:/bin',
    '200 A=1',
  ]);
});

test('process_envs with pid = N reads only /proc/N and ignores pids that are not processes', () => {
  assert.deepEqual(onFixture(processEnvsTable, pidIs(200)).map((r) => r.key), ['A']);
  assert.deepEqual(onFixture(processEnvsTable, pidIs(999, 'self', 4242)), []);
});

test('process_memory_map prefixes addresses with 0x and computes pseudo on the fixture', () => {
  const rows = onFixture(processMemoryMapTable, pidIs(1));
  assert.deepEqual(rows.map((r) => [r.start, r.path, r.pseudo]), [
    ['0x55d0c0a00000', '/usr/lib/systemd/systemd', 0],
    ['0x55d0c0a21000', '/usr/lib/systemd/systemd', 0],
    ['0x55d0c1e7a000', '[heap]', 1],
    ['0x7f3a1c000000', '', 0],
    ['0x7f3a1d200000', '/memfd:pulseaudio', 0],
    ['0x7f3a1d600000', '/opt/My', 0],
    ['0x7f3a1d700000', '/usr/lib/libold.so', 0],
    ['0x7f3a1d800000', '/dev/mem', 0],
    ['0x7ffc0a5e1000', '[stack]', 1],
    ['0xffffffffff600000', '[vsyscall]', 1],
  ]);
  assert.ok(rows.every((r) => r.pid === '1'));
  assert.equal(rows[1]?.offset, '135168');
});

test('process_open_files lists file descriptors but not sockets, pipes or anonymous inodes', () => {
  const rows = onFixture(processOpenFilesTable, pidIs(1));
  assert.deepEqual(rows.map((r) => [r.pid, r.fd, r.path]), [
    ['1', '0', '/dev/null'],
    ['1', '4', '/var/log/app.log (deleted)'],
    ['1', '7', '/etc/hosts'],
    ['1', '10', '/dev/pts/0'],
  ]);
  assert.deepEqual(onFixture(processOpenFilesTable, pidIs(100)), []);
});

test('process_namespaces reads the seven namespaces osquery knows and rejects malformed links', () => {
  const rows = onFixture(processNamespacesTable);
  assert.deepEqual(rows.find((r) => r.pid === '1'), {
    pid: '1', cgroup_namespace: '4026531835', ipc_namespace: '4026531839', mnt_namespace: '4026531841',
    net_namespace: '4026531840', pid_namespace: '4026531836', user_namespace: '4026531837', uts_namespace: '4026531838',
  });
  // ipc points at a net namespace, uts has inode 0, pid has none; mnt has trailing text after ']', which osquery accepts.
  assert.deepEqual(rows.find((r) => r.pid === '100'), { pid: '100', net_namespace: '4026532281', mnt_namespace: '4026532280' });
  // A process whose ns links cannot be read still gives its row.
  assert.deepEqual(rows.find((r) => r.pid === '4242'), { pid: '4242' });
});

// Live: this test process on the real /proc.

test('process_envs shows this process\'s environment with osquery column shapes', () => {
  const { rows } = runGenerator(processEnvsTable, { constraints: pidIs(process.pid) });
  assert.deepEqual(validateRows('process_envs', rows, { pid: 'NonNegativeInt', key: 'String', value: 'String' }), []);
  const path = rows.find((r) => r.key === 'PATH');
  assert.equal(path?.value, process.env.PATH);
});

test('process_envs without constraints scans every process', () => {
  const { rows } = runGenerator(processEnvsTable);
  assert.ok(rows.some((r) => r.pid === String(process.pid)));
  assert.deepEqual(validateRows('process_envs', rows, { pid: 'NonNegativeInt', key: 'String', value: 'String' }), []);
});

test('process_memory_map shows this process\'s mappings with osquery column shapes', () => {
  const { rows } = runGenerator(processMemoryMapTable, { constraints: pidIs(process.pid) });
  assert.deepEqual(validateRows('process_memory_map', rows, {
    pid: 'NonNegativeInt', start: /^0x[0-9a-f]+$/, end: /^0x[0-9a-f]+$/, permissions: /^[r-][w-][x-][ps]$/,
    offset: 'NonNegativeInt', device: /^[0-9a-f]+:[0-9a-f]+$/, inode: 'NonNegativeInt', path: 'String', pseudo: 'Bool',
  }), []);
  assert.ok(rows.some((r) => r.path === process.execPath && String(r.permissions).includes('x')), 'node is mapped executable');
  assert.ok(rows.some((r) => r.path === '[stack]' && r.pseudo === 1));
});

test('process_open_files shows a file this process holds open', () => {
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-open-files-'));
  const file = join(dir, 'held.txt');
  const fd = openSync(file, 'w');
  try {
    const { rows } = runGenerator(processOpenFilesTable, { constraints: pidIs(process.pid) });
    assert.deepEqual(validateRows('process_open_files', rows, { pid: 'NonNegativeInt', fd: 'NonNegativeInt', path: 'NonEmptyString' }), []);
    assert.ok(rows.some((r) => r.fd === String(fd) && r.path === file));
    assert.ok(rows.every((r) => !/socket:|pipe:|anon_inode:/.test(String(r.path))));
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('process_namespaces gives this process the namespaces of /proc/self/ns', () => {
  const { rows } = runGenerator(processNamespacesTable, { constraints: pidIs(process.pid) });
  assert.equal(rows.length, 1);
  const ns = /^[1-9]\d*$/;
  assert.deepEqual(validateRows('process_namespaces', rows, {
    pid: 'NonNegativeInt', cgroup_namespace: ns, ipc_namespace: ns, mnt_namespace: ns, net_namespace: ns,
    pid_namespace: ns, user_namespace: ns, uts_namespace: ns,
  }), []);
});
