import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { debPackagesTable } from './deb-packages.js';
import { assertGolden, fixtureRoot } from './testdata/golden.js';

const shape = {
  name: 'NonEmptyString',
  version: 'NonEmptyString',
  source: 'String',
  size: 'NonNegativeOrEmptyInt',
  arch: 'NonEmptyString',
  revision: 'String',
  status: /^(unknown|install|hold|deinstall|purge) (ok|reinstreq) (config-files|half-installed|unpacked|half-configured|triggers-awaited|triggers-pending|installed)$/,
  maintainer: 'NonEmptyString',
  section: 'String',
  priority: 'NonEmptyString',
  admindir: 'NonEmptyString',
  pid_with_namespace: 'NonNegativeInt',
} as const;

test('deb_packages reads the fixture dpkg database (golden)', () => {
  const { rows, warnings } = runGenerator(debPackagesTable, { paths: { root: fixtureRoot } });
  assert.deepEqual(warnings, []);
  assert.deepEqual(validateRows('deb_packages', rows, shape), []);
  assertGolden('deb_packages', rows);
});

test('deb_packages reads each admindir = X, skips missing ones silently and logs osquery errors for unusable ones', () => {
  const admindirs = ['/var/lib/dpkg-distroless', '/no/such/dir', '/var/lib/dpkg-empty', '/etc/apt'];
  const { rows, warnings } = runGenerator(debPackagesTable, {
    paths: { root: fixtureRoot },
    constraints: { admindir: admindirs.map((value) => ({ op: '=' as const, value })) },
  });
  assert.deepEqual(rows.map((r) => `${r.admindir} ${r.name}`), ['/var/lib/dpkg-distroless base-files', '/var/lib/dpkg-distroless tzdata']);
  assert.deepEqual(warnings, [
    "deb_packages: Failed to list the packages: NoPackagesFound (admindir='/var/lib/dpkg-empty')",
    "deb_packages: Failed to open the dpkg database: NotADpkgAdminDir (admindir='/etc/apt')",
  ]);
});

test('deb_packages with pid_with_namespace = N reads that mount namespace and tags the rows', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'watchpost-deb-ns-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'proc/42/ns'), { recursive: true });
  symlinkSync('mnt:[4026532367]', join(root, 'proc/42/ns/mnt'));
  symlinkSync(fixtureRoot, join(root, 'proc/42/root'));
  const { rows } = runGenerator(debPackagesTable, {
    paths: { root },
    constraints: { pid_with_namespace: [{ op: '=', value: 42 }, { op: '=', value: 7 }] },
  });
  assert.equal(rows.length, 8, 'pid 7 has no namespace link and is skipped');
  for (const row of rows) {
    assert.equal(row.pid_with_namespace, 42);
    assert.equal(row.mount_namespace_id, '4026532367');
    assert.equal(row.admindir, '/var/lib/dpkg');
  }
});

test('deb_packages lists this machine\'s packages with osquery column shapes', () => {
  const { rows, warnings } = runGenerator(debPackagesTable);
  assert.deepEqual(warnings, []);
  assert.ok(rows.length > 50, `a Debian machine has many packages, got ${rows.length}`);
  assert.deepEqual(validateRows('deb_packages', rows, shape), []);
  assert.ok(rows.some((r) => r.name === 'dpkg' && r.status === 'install ok installed'));
});

test('deb_packages agrees with dpkg-query on every installed package', (t) => {
  const query = spawnSync('dpkg-query', ['-W', '-f', '${db:Status-Status}\t${Package}\t${Architecture}\t${Version}\t${Installed-Size}\t${Source}\t${Section}\t${Maintainer}\n'], {
    encoding: 'utf8',
  });
  if (query.error) {
    t.skip('dpkg-query is not installed');
    return;
  }
  const expected = query.stdout
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('not-installed\t'))
    .map((l) => l.split('\t').slice(1).join('\t'))
    .sort();
  const { rows } = runGenerator(debPackagesTable);
  const actual = rows.map((r) => [r.name, r.arch, r.version, r.size, r.source, r.section, r.maintainer].join('\t')).sort();
  assert.deepEqual(actual, expected);
});

test('deb_packages in this process\'s own mount namespace matches the host view', () => {
  const host = runGenerator(debPackagesTable).rows;
  const own = runGenerator(debPackagesTable, { constraints: { pid_with_namespace: [{ op: '=', value: process.pid }] } }).rows;
  assert.equal(own.length, host.length);
  assert.ok(own.every((r) => r.pid_with_namespace === process.pid && /^\d+$/.test(String(r.mount_namespace_id))));
});
