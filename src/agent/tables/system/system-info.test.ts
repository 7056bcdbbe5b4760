import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname, machine } from 'node:os';
import { fileURLToPath } from 'node:url';
import { systemInfoTable } from './system-info.js';
import { cleanHardwareUuid, formatMachineId } from './host-uuid.js';
import { findCanonicalName } from './hostname.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const testdata = (name: string): string => fileURLToPath(new URL(`./testdata/${name}`, import.meta.url));

test('system_info reads the fixture host: cpu, memory, DMI strings with the Lenovo swap, hardware uuid', () => {
  const { rows } = runGenerator(systemInfoTable, { paths: { root: testdata('ubuntu-host') } });
  assert.equal(rows.length, 1);
  // The host name and the CPU type come from the kernel, not from files.
  const { hostname: _fqdn, local_hostname: _local, computer_name: computerName, cpu_type: cpuType, cpu_brand: cpuBrand, ...fromFiles } = rows[0] ?? {};
  assert.deepEqual(fromFiles, {
    uuid: '4c4c4544-0042-3510-8052-b4c04f4e3732', cpu_subtype: '85', cpu_physical_cores: 4, cpu_logical_cores: 8, cpu_sockets: 2,
    cpu_microcode: '0x2006e05', physical_memory: 16270512 * 1024,
    hardware_vendor: 'LENOVO', hardware_model: 'ThinkPad X1 Carbon Gen 9', hardware_version: '20XWCTO1WW', hardware_serial: 'PF2ABCDE',
    board_vendor: 'LENOVO', board_model: '20XWCTO1WW', board_version: 'SDK0J40697 WIN', board_serial: 'L1HF12345AB',
  });
  assert.equal(cpuType, machine());
  assert.equal(cpuBrand, machine() === 'x86_64' ? 'Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz' : undefined);
  assert.equal(computerName, hostname().trim());
});

test('system_info ignores a placeholder product_uuid and derives the uuid from /etc/machine-id', () => {
  const { rows } = runGenerator(systemInfoTable, { paths: { root: testdata('centos-host') } });
  assert.equal(rows[0]?.uuid, 'fedcba98-7654-3210-fedc-ba9876543210');
  assert.deepEqual([rows[0]?.hardware_vendor, rows[0]?.hardware_model, rows[0]?.hardware_version], ['Dell Inc.', 'PowerEdge R740', '']);
});

test('system_info keeps one random uuid per process when no id source exists', () => {
  const first = runGenerator(systemInfoTable, { paths: { root: testdata('os-release') } }).rows[0]?.uuid;
  const second = runGenerator(systemInfoTable, { paths: { root: testdata('os-release') } }).rows[0]?.uuid;
  assert.match(String(first), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(first, second);
});

test('cleanHardwareUuid and formatMachineId normalise their sources', () => {
  assert.equal(cleanHardwareUuid(' ABCD-1\n\0\0'), 'ABCD-1');
  assert.equal(formatMachineId('0123456789ABCDEF0123456789abcdef\n'), '01234567-89ab-cdef-0123-456789abcdef');
  assert.equal(formatMachineId('uninitialized\n'), undefined);
  assert.equal(formatMachineId('00000000000000000000000000000000'), undefined);
});

const hostsCases = [
  { host: 'workstation', expected: 'workstation.example.org' },
  { host: 'WORKSTATION.example.org', expected: 'workstation.example.org' },
  { host: 'ip6-loopback', expected: 'ip6-localhost' },
  { host: 'example', expected: undefined },
];
for (const c of hostsCases) {
  test(`findCanonicalName(${c.host}) in the fixture /etc/hosts is ${String(c.expected)}`, () => {
    const hosts = `127.0.0.1\tlocalhost\n127.0.1.1\tworkstation.example.org workstation # desk\n::1 ip6-localhost ip6-loopback\n# example\n`;
    assert.equal(findCanonicalName(hosts, c.host), c.expected);
  });
}

test('system_info yields one live row with osquery column shapes', () => {
  const { rows } = runGenerator(systemInfoTable);
  assert.equal(rows.length, 1);
  assert.deepEqual(
    validateRows('system_info', rows, {
      hostname: 'NonEmptyString', uuid: /^[0-9a-fA-F-]{36}$/, cpu_type: 'NonEmptyString', cpu_subtype: 'String', cpu_brand: 'String',
      cpu_physical_cores: 'NonNegativeInt', cpu_logical_cores: 'NonNegativeInt', cpu_sockets: 'IntOrEmpty', cpu_microcode: 'String',
      physical_memory: 'NonNegativeInt', hardware_vendor: 'String', hardware_model: 'String', hardware_version: 'String',
      hardware_serial: 'String', board_vendor: 'String', board_model: 'String', board_version: 'String', board_serial: 'String',
      computer_name: 'NonEmptyString', local_hostname: 'NonEmptyString',
    }),
    [],
  );
  assert.equal(rows[0]?.local_hostname, rows[0]?.hostname);
});
