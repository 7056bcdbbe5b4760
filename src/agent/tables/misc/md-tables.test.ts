import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildMdDriveRows, mdDevicesTable, mdDrivesTable, mdPersonalitiesTable } from './md-tables.js';
import { encodeDiskState, formatDiskState, formatSuperblockState, type MdArrayInfo } from './md-sysfs.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/host', import.meta.url));

const stateCases: Array<[string[], string]> = [
  [['in_sync'], 'active sync'],
  [['faulty', 'in_sync'], 'faulty'],
  [['spare'], 'recovering'],
  [['in_sync', 'write_mostly', 'failfast'], 'active sync writemostly failfast'],
  [['journal'], 'journal'],
];
for (const [flags, text] of stateCases) {
  test(`formatDiskState(encodeDiskState(${flags.join(',')})) is "${text}"`, () => assert.equal(formatDiskState(encodeDiskState(new Set(flags))), text));
}

test('formatSuperblockState names bits in order and reads 0 as unknown', () => {
  assert.equal(formatSuperblockState(0), 'unknown');
  assert.equal(formatSuperblockState(1 | (1 << 8)), 'clean bitmap_present');
});

test('md_personalities lists the fixture personalities', () => {
  assert.deepEqual(
    runGenerator(mdPersonalitiesTable, { paths: { root } }).rows.map((r) => r.name),
    ['raid1', 'raid6', 'raid5', 'raid4', 'linear', 'multipath', 'raid0', 'raid10'],
  );
});

test('md_devices combines mdstat with the driver state and stops at an array without one', () => {
  const { rows, warnings } = runGenerator(mdDevicesTable, { paths: { root } });
  assert.deepEqual(rows, [
    {
      device_name: 'md1', status: 'active', raid_level: 5, size: 1953260544, chunk_size: 524288, raid_disks: 3,
      nr_raid_disks: 5, working_disks: 4, active_disks: 2, failed_disks: 1, spare_disks: 2,
      superblock_state: 'bitmap_present', superblock_version: '1.2',
      recovery_progress: '9.2% (90025472/976630272)', recovery_finish: '81.7min', recovery_speed: '180850K/sec',
      bitmap_on_mem: '2/8 pages [8KB]', bitmap_chunk_size: '65536KB chunk', bitmap_external_file: '',
      other: 'super 1.2 level 5, 512k chunk, algorithm 2', unused_devices: '<none>',
    },
    {
      device_name: 'md0', status: 'active', raid_level: 1, size: 104320, chunk_size: 0, raid_disks: 2,
      nr_raid_disks: 2, working_disks: 2, active_disks: 2, failed_disks: 0, spare_disks: 0,
      superblock_state: 'clean', superblock_version: '1.2',
      resync_progress: 'DELAYED', resync_finish: '', resync_speed: '',
      other: 'super 1.2', unused_devices: '<none>',
    },
  ]);
  assert.deepEqual(warnings, ['Could not read the array information of /dev/md127']);
});

test('md_drives lists members by slot, slot-less ones last', () => {
  const { rows } = runGenerator(mdDrivesTable, { paths: { root } });
  assert.deepEqual(rows, [
    { md_device_name: 'md1', drive_name: '/dev/sda1', state: 'active sync writemostly', slot: 0 },
    { md_device_name: 'md1', drive_name: '/dev/sdd1', state: 'recovering', slot: 1 },
    { md_device_name: 'md1', drive_name: '/dev/sdc1', state: 'active sync', slot: 2 },
    { md_device_name: 'md1', drive_name: '/dev/sdb1', state: 'faulty' },
    { md_device_name: 'md1', drive_name: '/dev/sde1', state: 'recovering' },
    { md_device_name: 'md0', drive_name: '/dev/sda2', state: 'active sync', slot: 0 },
    { md_device_name: 'md0', drive_name: '/dev/sdb2', state: 'active sync', slot: 1 },
  ]);
});

function arrayInfo(raidDisks: number, members: MdArrayInfo['members']): MdArrayInfo {
  return {
    level: 1, raidDisks, chunkSize: 0, nrDisks: members.length, failedDisks: 0, workingDisks: 0, activeDisks: 0,
    spareDisks: 0, superblockState: 0, metadataVersion: '1.2', members,
  };
}

test('buildMdDriveRows gives free slots to slot-less members first, then to removed placeholders (osquery scattered_faulty_and_removed)', () => {
  const rows = buildMdDriveRows('md0', arrayInfo(4, [
    { devName: '/dev/sda', raidDisk: 0, state: 6 },
    { devName: '/dev/sdb', raidDisk: -1, state: 1 },
    { devName: '/dev/sdd', raidDisk: 3, state: 6 },
  ]));
  assert.deepEqual(rows, [
    { md_device_name: 'md0', drive_name: '/dev/sda', state: 'active sync', slot: 0 },
    { md_device_name: 'md0', drive_name: '/dev/sdd', state: 'active sync', slot: 3 },
    { md_device_name: 'md0', drive_name: '/dev/sdb', state: 'faulty', slot: 1 },
    { md_device_name: 'md0', drive_name: 'unknown', state: 'removed', slot: 2 },
  ]);
});

test('md tables have no rows and no warnings without /proc/mdstat', () => {
  const bare = fileURLToPath(new URL('./testdata/no-resolv-conf', import.meta.url));
  for (const table of [mdDevicesTable, mdDrivesTable, mdPersonalitiesTable]) {
    assert.deepEqual(runGenerator(table, { paths: { root: bare } }), { rows: [], warnings: [] });
  }
});

test('md tables have osquery column shapes on this host (no rows without md)', () => {
  const devices = runGenerator(mdDevicesTable).rows;
  const drives = runGenerator(mdDrivesTable).rows;
  const personalities = runGenerator(mdPersonalitiesTable).rows;
  if (!existsSync('/proc/mdstat')) assert.equal(devices.length + drives.length + personalities.length, 0);
  assert.deepEqual(validateRows('md_personalities', personalities, { name: 'NonEmptyString' }), []);
  assert.deepEqual(validateRows('md_devices', devices, { device_name: /^md/, raid_level: 'IntOrEmpty', size: 'NonNegativeInt', raid_disks: 'NonNegativeInt' }), []);
  assert.deepEqual(validateRows('md_drives', drives, { md_device_name: /^md/, drive_name: 'NonEmptyString', slot: 'NonNegativeOrEmptyInt', state: 'NonEmptyString' }), []);
});
