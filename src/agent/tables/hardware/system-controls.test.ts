import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { systemControlsTable } from './system-controls.js';
import { parseSysctlConfig } from './sysctl-config.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import type { Constraint } from '../table.js';

const root = fileURLToPath(new URL('./testdata/root', import.meta.url));

function run(constraints: Record<string, Constraint[]> = {}) {
  return runGenerator(systemControlsTable, { paths: { root }, constraints }).rows;
}

test('system_controls walks /proc/sys: subdirectories before files, each sorted, every control once', () => {
  assert.deepEqual(run().map((r) => r.name), [
    'fs.file-max', 'fs.pipe-user-pages-soft',
    'kernel.random.boot_id', 'kernel.hostname', 'kernel.osrelease',
    'net.core.somaxconn', 'net.ipv4.conf.all.forwarding', 'net.ipv4.conf.lo.forwarding', 'net.ipv4.ip_forward',
    'vm.swappiness',
  ]);
});

test('system_controls fills subsystem, current_value, type and leaves oid empty', () => {
  const row = run().find((r) => r.name === 'net.ipv4.conf.all.forwarding');
  assert.deepEqual(row, { name: 'net.ipv4.conf.all.forwarding', subsystem: 'net', type: 'string', current_value: '1' });
});

test('system_controls config_value follows osquery\'s file order: later files override earlier ones', () => {
  const config = Object.fromEntries(run().filter((r) => r.config_value !== undefined).map((r) => [r.name, r.config_value]));
  assert.deepEqual(config, {
    'kernel.hostname': 'ignored-by-kernel', // only in /usr/lib/sysctl.d
    'net.core.somaxconn': '4096', // /etc/sysctl.d says 1024, /usr/lib/sysctl.d (read later) 4096
    'net.ipv4.ip_forward': '1',
    'vm.swappiness': '20', // sysctl.conf 10, /etc/sysctl.d 20; not-a-conf.txt is ignored
  });
});

test('parseSysctlConfig keeps only key=value lines with exactly two parts', () => {
  const config = new Map<string, string>();
  parseSysctlConfig('# c\n; c\n a.b = 1 \nc.d=2=3\ne.f =\n=g\n  h.i=j  \n', config);
  assert.deepEqual([...config], [['a.b', '1'], ['h.i', 'j']]);
});

test('system_controls with name = reads just that control, or a subtree for a directory', () => {
  assert.deepEqual(run({ name: [{ op: '=', value: 'vm.swappiness' }] }), [
    { name: 'vm.swappiness', subsystem: 'vm', type: 'string', current_value: '60', config_value: '20' },
  ]);
  assert.deepEqual(run({ name: [{ op: '=', value: 'net.ipv4.conf' }] }).map((r) => r.name), ['net.ipv4.conf.all.forwarding', 'net.ipv4.conf.lo.forwarding']);
});

test('system_controls with name = of a missing control yields osquery\'s row without a value', () => {
  assert.deepEqual(run({ name: [{ op: '=', value: 'no.such.control' }] }), [{ name: 'no.such.control', subsystem: 'no', type: 'string' }]);
});

test('system_controls with subsystem = walks one top-level directory', () => {
  assert.deepEqual(run({ subsystem: [{ op: '=', value: 'kernel' }] }).map((r) => r.name), ['kernel.random.boot_id', 'kernel.hostname', 'kernel.osrelease']);
});

test('system_controls with oid = has no rows, as Linux has no sysctl(2) MIBs', () => {
  assert.deepEqual(run({ oid: [{ op: '=', value: '4.30.41.1' }] }), []);
});

test('system_controls on this host has osquery column shapes', () => {
  const rows = runGenerator(systemControlsTable).rows;
  assert.ok(rows.length > 50, `only ${rows.length} controls under /proc/sys`);
  assert.equal(new Set(rows.map((r) => r.name)).size, rows.length);
  assert.deepEqual(validateRows('system_controls', rows, {
    name: 'NonEmptyString', oid: /^$/, subsystem: /^[a-z][a-z0-9_]*$/, current_value: 'String', config_value: 'String', type: /^string$/,
  }), []);
  const hostname = runGenerator(systemControlsTable, { constraints: { name: [{ op: '=', value: 'kernel.ostype' }] } }).rows;
  assert.deepEqual(hostname.map((r) => r.current_value), ['Linux']);
});
