import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { blockDevicesTable } from './block-devices.js';
import { decodeUdevEscapes } from './block-device-tree.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/root', import.meta.url));
const wwid = 't10.ATA     Samsung SSD 860 EVO 500GB               S3Z1NB0K000001A';
const disk = { vendor: 'ATA', model: 'Samsung SSD 860', serial: wwid };

test('block_devices over the fixture sysfs: parents, inherited disk identity, superblock ids', () => {
  const { rows } = runGenerator(blockDevicesTable, { paths: { root } });
  assert.deepEqual(rows, [
    { name: '/dev/dm-0', parent: '/dev/sda2', ...disk, size: '975689728', block_size: '512', uuid: '53376740-711d-4243-b655-24c9c87c9d33', type: 'ext4', label: 'lbl ext4' },
    { name: '/dev/dm-1', parent: '/dev/dm-0', ...disk, size: '973078528', block_size: '512', uuid: 'b3aaee49-f2f6-4c1c-8b7d-6a448ca57221', type: 'xfs', label: 'xfslbl' },
    { name: '/dev/loop0', parent: '', vendor: '', model: '', serial: '', size: '0', block_size: '512', uuid: '', type: '', label: '' },
    // osquery takes the directory above the namespace as its parent, the nvme0 controller.
    { name: '/dev/nvme0n1', parent: '/dev/nvme0', vendor: '', model: 'WDC PC SN730 SDBQNTY-512G-1001', serial: '20010Z800123', size: '1000215216',
      block_size: '512', uuid: '0a1b2c3d-1111-2222-3333-444455556666', type: 'ext4', label: 'My Data' },
    { name: '/dev/sda', parent: '', ...disk, size: '976773168', block_size: '512', uuid: '', type: '', label: '' },
    // Partitions have no queue/ directory, so no block size, as in osquery.
    { name: '/dev/sda1', parent: '/dev/sda', ...disk, size: '1048576', block_size: '', uuid: '97C1-A55A', type: 'vfat', label: 'MYVOL' },
    { name: '/dev/sda2', parent: '/dev/sda', ...disk, size: '975722496', block_size: '', uuid: '37dfdc78-7b76-4889-a377-e2063980bc0b', type: 'crypto_LUKS', label: 'mylabel' },
  ]);
});

test('block_devices with name = returns only that device, still inheriting from its parents', () => {
  const { rows } = runGenerator(blockDevicesTable, { paths: { root }, constraints: { name: [{ op: '=', value: '/dev/dm-1' }] } });
  assert.deepEqual(rows.map((r) => [r.name, r.model, r.type]), [['/dev/dm-1', 'Samsung SSD 860', 'xfs']]);
});

test('decodeUdevEscapes undoes ID_FS_LABEL_ENC escaping', () => {
  assert.equal(decodeUdevEscapes('My\\x20Data\\x2fx'), 'My Data/x');
  assert.equal(decodeUdevEscapes('caf\\xc3\\xa9'), 'café');
  assert.equal(decodeUdevEscapes('plain'), 'plain');
});

test('block_devices on this host has osquery column shapes', () => {
  const { rows } = runGenerator(blockDevicesTable);
  assert.deepEqual(validateRows('block_devices', rows, {
    name: /^\/dev\/\S+$/, parent: /^(\/dev\/\S+)?$/, vendor: 'String', model: 'String', serial: 'String',
    size: 'NonNegativeOrEmptyInt', block_size: 'NonNegativeOrEmptyInt', uuid: 'String', type: 'String', label: 'String',
  }), []);
  const names = rows.map((r) => String(r.name));
  assert.deepEqual(names, [...names].sort());
});
