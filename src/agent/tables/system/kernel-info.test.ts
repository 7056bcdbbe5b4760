import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { kernelInfoTable, parseKernelCmdline, parseProcVersion } from './kernel-info.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/ubuntu-host', import.meta.url));

const cmdlineCases = [
  {
    cmdline: 'BOOT_IMAGE=/boot/vmlinuz-6.1.0-18-amd64 root=UUID=1b2c ro quiet\n',
    expected: { path: '/boot/vmlinuz-6.1.0-18-amd64', device: 'UUID=1b2c', arguments: 'ro quiet' },
  },
  { cmdline: 'console=ttyS0  quiet\n', expected: { path: undefined, device: undefined, arguments: 'console=ttyS0 quiet' } },
  { cmdline: 'root=/dev/sda1 root=/dev/sda2', expected: { path: undefined, device: '/dev/sda2', arguments: '' } },
  { cmdline: '', expected: { path: undefined, device: undefined, arguments: '' } },
];
for (const c of cmdlineCases) {
  test(`parseKernelCmdline(${JSON.stringify(c.cmdline)})`, () => {
    assert.deepEqual(parseKernelCmdline(c.cmdline), c.expected);
  });
}

test('parseProcVersion takes the third word after "version"', () => {
  assert.equal(parseProcVersion('Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) #1 SMP'), '6.1.0-18-amd64');
  assert.equal(parseProcVersion('Linux 6.1.0'), undefined);
});

test('kernel_info reads the fixture /proc/cmdline and /proc/version', () => {
  const { rows } = runGenerator(kernelInfoTable, { paths: { root } });
  assert.deepEqual(rows, [{
    version: '6.5.0-35-generic', arguments: 'ro quiet splash vt.handoff=7', path: '/vmlinuz-6.5.0-35-generic', device: '/dev/mapper/vg-root',
  }]);
});

test('kernel_info still yields one (empty) row when nothing is readable', () => {
  const { rows } = runGenerator(kernelInfoTable, { paths: { root: fileURLToPath(new URL('./testdata/os-release', import.meta.url)) } });
  assert.deepEqual(rows, [{}]);
});

test('kernel_info yields one live row with osquery column shapes', () => {
  const { rows } = runGenerator(kernelInfoTable);
  assert.equal(rows.length, 1);
  assert.deepEqual(validateRows('kernel_info', rows, { version: /^\d+\.\d+/, arguments: 'String', path: 'String', device: 'String' }), []);
});
