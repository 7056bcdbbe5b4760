import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { probeSuperblock } from './superblock-probe.js';
import { parseLuksCipher, splitCipherSpec } from './luks-header.js';

const dir = fileURLToPath(new URL('./testdata/superblocks/', import.meta.url));
const expected = JSON.parse(readFileSync(dir + 'blkid-expected.json', 'utf8')) as Record<string, { type: string; uuid?: string; label?: string }>;

for (const [file, blkid] of Object.entries(expected)) {
  test(`probeSuperblock agrees with blkid on ${file}`, () => {
    assert.deepEqual(probeSuperblock(readFileSync(dir + file)), blkid);
  });
}

test('probeSuperblock recognises an LVM2 physical volume label in sector 1', () => {
  const b = Buffer.alloc(2048);
  b.write('LABELONE', 512, 'latin1');
  b.writeUInt32LE(32, 512 + 20);
  b.write('LVM2 001', 512 + 24, 'latin1');
  b.write('Xk3Yd0bYbJxQ0Gf4w1bQn7mJ3dJmW6qj', 512 + 32, 'latin1');
  assert.deepEqual(probeSuperblock(b), { type: 'LVM2_member', uuid: 'Xk3Yd0-bYbJ-xQ0G-f4w1-bQn7-mJ3d-JmW6qj' });
});

test('probeSuperblock recognises md RAID 1.2 metadata', () => {
  const b = Buffer.alloc(8192);
  b.writeUInt32LE(0xa92b4efc, 4096);
  b.writeUInt32LE(1, 4100);
  Buffer.from('00112233445566778899aabbccddeeff', 'hex').copy(b, 4096 + 16);
  b.write('host:0', 4096 + 32, 'latin1');
  assert.deepEqual(probeSuperblock(b), { type: 'linux_raid_member', uuid: '00112233-4455-6677-8899-aabbccddeeff', label: 'host:0' });
});

test('probeSuperblock recognises NTFS and ISO 9660', () => {
  const ntfs = Buffer.alloc(512);
  ntfs.write('NTFS    ', 3, 'latin1');
  ntfs.writeBigUInt64LE(0x1a2b3c4d5e6f7081n, 0x48);
  assert.deepEqual(probeSuperblock(ntfs), { type: 'ntfs', uuid: '1A2B3C4D5E6F7081' });
  const iso = Buffer.alloc(0x8800);
  iso.write('\x01CD001', 0x8000, 'latin1');
  iso.write('DEBIAN 12'.padEnd(32, ' '), 0x8000 + 40, 'latin1');
  iso.write('2023061011093300', 0x8000 + 813, 'latin1');
  assert.deepEqual(probeSuperblock(iso), { type: 'iso9660', uuid: '2023-06-10-11-09-33-00', label: 'DEBIAN 12' });
});

test('probeSuperblock does not mistake an MBR or empty space for a filesystem', () => {
  const mbr = Buffer.alloc(512);
  mbr[0] = 0xeb;
  mbr[1] = 0x63;
  mbr[2] = 0x90;
  mbr[510] = 0x55;
  mbr[511] = 0xaa;
  assert.equal(probeSuperblock(mbr), undefined);
  assert.equal(probeSuperblock(Buffer.alloc(0x11000)), undefined);
  assert.equal(probeSuperblock(Buffer.alloc(0)), undefined);
});

test('parseLuksCipher reads the cipher libcryptsetup reports from LUKS1 and LUKS2 headers', () => {
  const cases: Array<[string, unknown]> = [
    ['luks1.head', { version: 1, cipher: 'aes', mode: 'xts-plain64' }],
    ['luks2.head', { version: 2, cipher: 'aes', mode: 'xts-plain64' }],
    ['luks2-cbc.head', { version: 2, cipher: 'aes', mode: 'cbc-essiv:sha256' }],
    ['ext4.head', undefined],
  ];
  for (const [file, cipher] of cases) assert.deepEqual(parseLuksCipher(readFileSync(dir + file)), cipher, file);
  assert.equal(parseLuksCipher(readFileSync(dir + 'luks2.head').subarray(0, 4096)), undefined);
});

test('splitCipherSpec splits at the first dash', () => {
  assert.deepEqual(splitCipherSpec('serpent-xts-plain64'), { cipher: 'serpent', mode: 'xts-plain64' });
  assert.deepEqual(splitCipherSpec('aes'), { cipher: 'aes', mode: 'cbc-plain' });
});
