import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cryptsetupKind, cryptTypeLabel, diskEncryptionTable } from './disk-encryption.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/root', import.meta.url));
const superblocks = fileURLToPath(new URL('./testdata/superblocks/', import.meta.url));
const isRoot = process.getuid?.() === 0;
const plain = { encrypted: '0', type: '', encryption_status: 'not encrypted' };
const luks2 = { encrypted: '1', type: 'aes-xts-plain64', encryption_status: 'encrypted' };

test('disk_encryption over the fixture: the dm-crypt mapping and what is stacked on it are encrypted', { skip: !isRoot && 'osquery reports disk encryption to root only' }, () => {
  const { rows } = runGenerator(diskEncryptionTable, { paths: { root } });
  assert.deepEqual(rows, [
    { name: '/dev/dm-0', uuid: '53376740-711d-4243-b655-24c9c87c9d33', ...luks2 },
    { name: '/dev/dm-1', uuid: 'b3aaee49-f2f6-4c1c-8b7d-6a448ca57221', ...luks2 },
    { name: '/dev/loop0', uuid: '', ...plain },
    { name: '/dev/nvme0n1', uuid: '0a1b2c3d-1111-2222-3333-444455556666', ...plain },
    { name: '/dev/sda', uuid: '', ...plain },
    { name: '/dev/sda1', uuid: '97C1-A55A', ...plain },
    // The LUKS container itself is not an active mapping: not encrypted, as in osquery.
    { name: '/dev/sda2', uuid: '37dfdc78-7b76-4889-a377-e2063980bc0b', ...plain },
  ]);
});

test('disk_encryption with name = also returns the ancestors, so a stacked volume keeps its status', { skip: !isRoot && 'root only' }, () => {
  const { rows } = runGenerator(diskEncryptionTable, { paths: { root }, constraints: { name: [{ op: '=', value: '/dev/dm-1' }] } });
  assert.deepEqual(rows.map((r) => [r.name, r.encrypted]), [['/dev/dm-0', '1'], ['/dev/dm-1', '1'], ['/dev/sda', '0'], ['/dev/sda2', '0']]);
});

test('cryptsetupKind reads the mapping type from a dm uuid', () => {
  const cases: Array<[string, string | undefined]> = [
    ['CRYPT-LUKS2-37dfdc787b764889a377e2063980bc0b-sda2_crypt', 'LUKS2'],
    ['CRYPT-LUKS1-0123-home', 'LUKS1'],
    ['CRYPT-PLAIN-swap', 'PLAIN'],
    ['CRYPT-VERITY-abc-root', 'VERITY'],
    ['CRYPT-INTEGRITY-x', undefined],
    ['CRYPT-SUBDEV-x_dif', undefined],
    ['LVM-k3Yd0bYbJxQ0', undefined],
    ['mpath-3600508b1001c', undefined],
    ['', undefined],
  ];
  for (const [uuid, kind] of cases) assert.equal(cryptsetupKind(uuid), kind, uuid);
});

test('cryptTypeLabel gives osquery\'s type strings', () => {
  const luks1 = readFileSync(superblocks + 'luks1.head');
  const luks2cbc = readFileSync(superblocks + 'luks2-cbc.head');
  const cases: Array<[string, Buffer | undefined, string]> = [
    ['LUKS1', luks1, 'LUKS1-aes-xts-plain64'],
    ['LUKS2', luks2cbc, 'aes-cbc-essiv:sha256'],
    ['LUKS1', undefined, 'LUKS1'],
    ['LUKS2', undefined, ''],
    ['PLAIN', undefined, 'PLAIN'],
    ['VERITY', undefined, 'VERITY'],
    ['BITLK', undefined, ''],
  ];
  for (const [kind, header, label] of cases) assert.equal(cryptTypeLabel(kind, () => header), label, kind);
});

test('disk_encryption on this host has osquery column shapes', () => {
  const { rows } = runGenerator(diskEncryptionTable);
  if (!isRoot) {
    assert.deepEqual(rows, []);
    return;
  }
  assert.deepEqual(validateRows('disk_encryption', rows, {
    name: /^\/dev\/\S+$/, uuid: 'String', encrypted: 'Bool', type: 'String', encryption_status: /^(encrypted|not encrypted)$/,
  }), []);
});
