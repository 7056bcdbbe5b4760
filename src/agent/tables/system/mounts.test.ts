import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mountsTable } from './mounts.js';
import { parseProcMounts } from './proc-mounts.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/ubuntu-host', import.meta.url));

test('parseProcMounts reads the fixture, decoding \\040 in paths', () => {
  const entries = parseProcMounts(readFileSync(`${root}/proc/mounts`, 'latin1'));
  assert.equal(entries.length, 7);
  assert.deepEqual(entries[3], { device: '/dev/mapper/vg-root', path: '/', type: 'ext4', flags: 'rw,relatime,errors=remount-ro' });
  assert.equal(entries[5]?.path, '/media/usb stick');
});

const lineCases = [
  { name: 'tabs and runs of blanks separate fields', line: 'a\t /b  c  d 0 0', expected: { device: 'a', path: '/b', type: 'c', flags: 'd' } },
  { name: 'missing fields read as empty', line: 'a /b', expected: { device: 'a', path: '/b', type: '', flags: '' } },
  { name: 'tab, newline and backslash escapes decode', line: 'x /a\\011b\\012c\\134d t o', expected: { device: 'x', path: '/a\tb\nc\\d', type: 't', flags: 'o' } },
  { name: 'comments are skipped', line: '# x /y z w', expected: undefined },
];
for (const c of lineCases) {
  test(`parseProcMounts: ${c.name}`, () => {
    assert.deepEqual(parseProcMounts(`${c.line}\n`)[0], c.expected);
  });
}

test('mounts statfs()es each mount point under the root, skipping autofs and zeroing failures', () => {
  const { rows, warnings } = runGenerator(mountsTable, { paths: { root } });
  const byPath = new Map(rows.map((r) => [r.path, r]));
  const zeros = { blocks_size: 0, blocks: 0, blocks_free: 0, blocks_available: 0, inodes: 0, inodes_free: 0 };
  const pick = (r: unknown): unknown => Object.fromEntries(Object.keys(zeros).map((k) => [k, (r as Record<string, unknown>)[k]]));
  assert.deepEqual(pick(byPath.get('/proc/sys/fs/binfmt_misc')), zeros);
  assert.deepEqual(pick(byPath.get('/media/usb stick')), zeros);
  assert.deepEqual(warnings, ['statfs failed with errno 2 on path /media/usb stick']);
  const rootFs = byPath.get('/');
  assert.ok(Number(rootFs?.blocks_size) > 0 && Number(rootFs?.blocks) > 0, 'the fixture directory has a filesystem');
  assert.equal(rootFs?.device_alias, '/dev/dm-0');
  assert.equal(byPath.get('/proc')?.device_alias, '/proc');
  assert.equal(byPath.get('/sys')?.device_alias, 'sysfs');
});

test('mounts yields live rows with osquery column shapes, including /', () => {
  const { rows } = runGenerator(mountsTable);
  const rootFs = rows.find((r) => r.path === '/');
  assert.ok(rootFs, 'a / mount');
  assert.ok(Number(rootFs.blocks) > 0);
  assert.deepEqual(
    validateRows('mounts', rows, {
      device: 'NonEmptyString', device_alias: 'NonEmptyString', path: /^\//, type: 'NonEmptyString', blocks_size: 'NonNegativeInt',
      blocks: 'NonNegativeInt', blocks_free: 'NonNegativeInt', blocks_available: 'NonNegativeInt', inodes: 'NonNegativeInt',
      inodes_free: 'NonNegativeInt', flags: 'NonEmptyString',
    }),
    [],
  );
  assert.ok(rows.every((r) => Number(r.blocks_free) >= Number(r.blocks_available) && Number(r.blocks) < 2 ** 32));
});
