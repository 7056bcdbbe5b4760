import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { describeSuidPermissions, suidBinTable } from './suid-bin.js';

const isRoot = process.getuid?.() === 0;

/** A fake root made at run time (mode bits and symlinks), with the fixture passwd and group. */
const root = mkdtempSync(join(tmpdir(), 'watchpost-suid-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'etc'));
for (const f of ['passwd', 'group']) copyFileSync(join(import.meta.dirname, 'testdata/host/etc', f), join(root, 'etc', f));
mkdirSync(join(root, 'usr/bin/sub'), { recursive: true });
mkdirSync(join(root, 'usr/sbin'), { recursive: true });
mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
const binaries: Array<[string, number]> = [['usr/bin/tool', 0o4755], ['usr/bin/sgid', 0o2755], ['usr/bin/both', 0o6755], ['usr/bin/plain', 0o755], ['usr/bin/sub/nested', 0o4750]];
for (const [path, mode] of binaries) {
  writeFileSync(join(root, path), '');
  // chown(2) clears the set-id bits, so it goes first.
  if (isRoot && path === 'usr/bin/both') chownSync(join(root, path), 4242, 42);
  chmodSync(join(root, path), mode);
}
mkdirSync(join(root, 'usr/bin/setuid-dir'));
chmodSync(join(root, 'usr/bin/setuid-dir'), 0o4755);
symlinkSync('usr/bin', join(root, 'bin'));
symlinkSync('../bin', join(root, 'usr/sbin/linkdir'));
symlinkSync('../../bin/tool', join(root, 'usr/local/bin/suidlink'));

test('describeSuidPermissions gives S, G or SG', () => {
  assert.deepEqual([0o4755, 0o2755, 0o6755, 0o755].map(describeSuidPermissions), ['S', 'G', 'SG', '']);
});

test('suid_bin finds live setuid binaries with osquery column shapes', () => {
  const { rows } = runGenerator(suidBinTable);
  assert.deepEqual(validateRows('suid_bin', rows, { path: /^\/(bin|sbin|usr|tmp)\//, username: 'NonEmptyString', groupname: 'NonEmptyString', permissions: /^(S|G|SG)$/ }), []);
  // Debian's essential passwd/login/util-linux packages ship setuid su, passwd and mount.
  assert.ok(rows.length > 0);
});

test('suid_bin walks the search paths recursively, entering a symlinked root but no symlinked subdirectory', () => {
  const { rows } = runGenerator(suidBinTable, { paths: { root } });
  const owner = isRoot ? ['4242', 'shadow'] : [];
  const self = (name: string) => (isRoot ? [name === 'both' ? '4242' : 'root', name === 'both' ? 'shadow' : 'root'] : []);
  const got = rows.map((r) => [r.path, r.permissions, ...(isRoot ? [r.username, r.groupname] : [])]);
  assert.deepEqual(got, [
    ['/bin/both', 'SG', ...owner],
    ['/bin/sgid', 'G', ...self('sgid')],
    ['/bin/sub/nested', 'S', ...self('nested')],
    ['/bin/tool', 'S', ...self('tool')],
    ['/usr/bin/both', 'SG', ...owner],
    ['/usr/bin/sgid', 'G', ...self('sgid')],
    ['/usr/bin/sub/nested', 'S', ...self('nested')],
    ['/usr/bin/tool', 'S', ...self('tool')],
    ['/usr/local/bin/suidlink', 'S', ...self('tool')],
  ]);
});
