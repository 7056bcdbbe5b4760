import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSmbiosStructures, smbiosString } from './smbios-structures.js';
import { smbiosTablesTable } from './smbios-tables.js';
import { cpuInfoRows, cpuInfoTable, countCpus } from './cpu-info.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/root', import.meta.url));
const dmi = readFileSync(`${root}/sys/firmware/dmi/tables/DMI`);

test('parseSmbiosStructures splits structures at the double NUL after their strings', () => {
  const structures = parseSmbiosStructures(dmi);
  assert.deepEqual(structures.map((s) => [s.index, s.type, s.length, s.handle, s.bytes.length]), [
    [0, 0, 22, 0x0000, 65], [1, 1, 27, 0x0100, 75], [2, 4, 48, 0x0400, 121], [3, 4, 26, 0x0401, 61],
    [4, 17, 40, 0x1100, 55], [5, 200, 6, 0xc800, 8], [6, 127, 4, 0x7f00, 4],
  ]);
  const bios = structures[0];
  assert.ok(bios);
  assert.deepEqual([1, 2, 3, 4, 0].map((i) => smbiosString(bios, i)), ['SeaBIOS', '1.16.2-debian-1.16.2-1', '04/01/2014', '', '']);
});

test('parseSmbiosStructures stops at a zero header or one that runs past the data', () => {
  const one = Buffer.from([1, 4, 1, 0, 0, 0]);
  assert.equal(parseSmbiosStructures(Buffer.concat([one, Buffer.alloc(8)])).length, 1);
  assert.equal(parseSmbiosStructures(Buffer.from([1, 40, 1, 0, 0, 0])).length, 0);
  assert.equal(parseSmbiosStructures(Buffer.alloc(3)).length, 0);
});

test('smbios_tables has one row per structure with osquery\'s description and the md5 of its bytes', () => {
  const { rows, warnings } = runGenerator(smbiosTablesTable, { paths: { root } });
  assert.deepEqual(warnings, []);
  assert.deepEqual(rows.map((r) => [r.number, r.type, r.description, r.handle, r.header_size, r.size]), [
    [0, 0, 'BIOS Information', 0, 22, 65],
    [1, 1, 'System Information', 256, 27, 75],
    [2, 4, 'Processor Information', 1024, 48, 121],
    [3, 4, 'Processor Information', 1025, 26, 61],
    [4, 17, 'Memory Device', 4352, 40, 55],
    [5, 200, 'Unknown', 51200, 6, 8],
    [6, 127, 'End-of-Table', 32512, 4, 4],
  ]);
  assert.equal(rows[0]?.md5, createHash('md5').update(dmi.subarray(0, 65)).digest('hex'));
});

test('smbios_tables without a readable DMI node is empty and warns', () => {
  const { rows, warnings } = runGenerator(smbiosTablesTable, { paths: { root: '/nonexistent' } });
  assert.deepEqual(rows, []);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /SMBIOS/);
});

test('cpu_info reads Processor Information structures, with counts from cpuinfo for SMBIOS < 2.5', () => {
  const { rows } = runGenerator(cpuInfoTable, { paths: { root } });
  assert.deepEqual(rows, [
    { socket_designation: 'CPU 0', model: 'Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz', manufacturer: 'Intel(R) Corporation',
      processor_type: '3', cpu_status: 65, current_clock_speed: 2600, max_clock_speed: 2000,
      number_of_cores: '8', logical_processors: 16, address_width: '64', device_id: 'CPU0' },
    { socket_designation: 'CPU 1', model: 'Pentium(R) Pro', manufacturer: 'GenuineIntel',
      processor_type: '3', cpu_status: 65, current_clock_speed: 1800, max_clock_speed: 3000,
      number_of_cores: '2', logical_processors: 2, address_width: '64', device_id: 'CPU1' },
  ]);
});

test('cpu_info names device ids by processor type in one sequence', () => {
  const structures = parseSmbiosStructures(dmi).filter((s) => s.type === 4);
  const gpu = Buffer.from(structures[1]?.bytes ?? []);
  gpu[0x05] = 6;
  const rows = cpuInfoRows([...structures.slice(0, 1), { ...(structures[1] as (typeof structures)[number]), bytes: gpu }], () => ({ physicalCores: 1, logicalProcessors: 1 }));
  assert.deepEqual(rows.map((r) => r.device_id), ['CPU0', 'GPU1']);
});

test('countCpus counts distinct cores and logical processors', () => {
  const text = ['0 0 0', '1 0 1', '2 0 0', '3 0 1'].map((l) => {
    const [p, phys, core] = l.split(' ');
    return `processor\t: ${p}\nphysical id\t: ${phys}\ncore id\t\t: ${core}\n`;
  }).join('\n');
  assert.deepEqual(countCpus(text), { physicalCores: 2, logicalProcessors: 4 });
});

test('smbios_tables and cpu_info on this host: rows with osquery shapes, or none with a warning', () => {
  const { rows, warnings } = runGenerator(smbiosTablesTable);
  if (rows.length === 0) {
    assert.equal(warnings.length, 1);
  } else {
    assert.deepEqual(validateRows('smbios_tables', rows, {
      number: 'NonNegativeInt', type: 'NonNegativeInt', description: 'NonEmptyString', handle: 'NonNegativeInt',
      header_size: 'NonNegativeInt', size: 'NonNegativeInt', md5: /^[0-9a-f]{32}$/,
    }), []);
  }
  assert.deepEqual(validateRows('cpu_info', runGenerator(cpuInfoTable).rows, {
    device_id: /^(CPU|MATH|DSP|GPU)\d+$|^$/, model: 'String', manufacturer: 'String', processor_type: 'NonNegativeInt', cpu_status: 'NonNegativeInt',
    number_of_cores: 'NonNegativeInt', logical_processors: 'NonNegativeInt', address_width: /^(32|64)$/,
    current_clock_speed: 'NonNegativeInt', max_clock_speed: 'NonNegativeInt', socket_designation: 'String',
  }), []);
});
