import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { debPackageFilesTable, parseDpkgStatus } from './deb-package-files.js';
import { runGenerator, type RunGeneratorOptions } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/host', import.meta.url));
const eq = (value: string) => [{ op: '=' as const, value }];

test('parseDpkgStatus reads name, arch and state of each stanza, ignoring continuation lines', () => {
  assert.deepEqual(parseDpkgStatus(readFileSync(`${root}/var/lib/dpkg/status`, 'utf8')), [
    { name: 'bash', arch: 'amd64', state: 'installed' },
    { name: 'libc6', arch: 'amd64', state: 'installed' },
    { name: 'oldpkg', arch: 'all', state: 'config-files' },
    { name: 'gone', arch: 'all', state: 'not-installed' },
    { name: 'nolist', arch: 'all', state: 'installed' },
  ]);
});

const bashRows = ['/.', '/bin', '/bin/bash', '/etc/bash.bashrc', '/usr/share/doc/bash'].map((path) => ({ package: 'bash', path, admindir: '/var/lib/dpkg' }));
const libcRows = ['/.', '/lib/x86_64-linux-gnu/libc.so.6', '/usr/share/doc/libc6'].map((path) => ({ package: 'libc6', path, admindir: '/var/lib/dpkg' }));

const cases: Array<{ name: string; options: RunGeneratorOptions; rows: unknown[]; warnings?: string[] }> = [
  {
    name: 'lists every package that is not not-installed, sorted, Multi-Arch: same ones from their arch-qualified list',
    options: {},
    rows: [...bashRows, ...libcRows, { package: 'oldpkg', path: '/etc/oldpkg.conf', admindir: '/var/lib/dpkg' }],
  },
  { name: 'reads only the packages of package = constraints', options: { constraints: { package: eq('bash') } }, rows: bashRows },
  {
    name: 'reads an arch-qualified list file when asked for it by name',
    options: { constraints: { package: eq('libc6:amd64') } },
    rows: libcRows.map((r) => ({ ...r, package: 'libc6:amd64' })),
  },
  { name: 'reads a constrained package even when the status file lists it as gone', options: { constraints: { package: eq('gone') } }, rows: [{ package: 'gone', path: '/gone/file', admindir: '/var/lib/dpkg' }] },
  { name: 'skips an admindir that does not exist', options: { constraints: { admindir: eq('/nowhere') } }, rows: [] },
  {
    name: 'logs osquery’s error for an admindir without installed packages',
    options: { constraints: { admindir: eq('/other-admindir') } },
    rows: [],
    warnings: ["deb_packages: Failed to list the packages: NoPackagesFound (admindir='/other-admindir')"],
  },
  {
    name: 'logs osquery’s error for an admindir without a status file',
    options: { constraints: { admindir: eq('/etc') } },
    rows: [],
    warnings: ["deb_packages: Failed to open the dpkg database: NotADpkgAdminDir (admindir='/etc')"],
  },
];
for (const c of cases) {
  test(`deb_package_files ${c.name}`, () => {
    const { rows, warnings } = runGenerator(debPackageFilesTable, { ...c.options, paths: { root } });
    assert.deepEqual(rows, c.rows);
    assert.deepEqual(warnings, c.warnings ?? []);
  });
}

test('deb_package_files has osquery column shapes on this host', () => {
  const { rows } = runGenerator(debPackageFilesTable);
  if (existsSync('/var/lib/dpkg/info/dpkg.list')) assert.ok(rows.some((r) => r.package === 'dpkg' && r.path === '/usr/bin/dpkg'));
  assert.deepEqual(validateRows('deb_package_files', rows, { package: 'NonEmptyString', path: 'NonEmptyString', admindir: 'NonEmptyString' }), []);
});
