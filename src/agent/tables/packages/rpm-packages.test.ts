import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { createRpmPackagesTable, rpmPackagesTable } from './rpm-packages.js';
import { parseRpmQueryOutput, rpmQueryFormat } from './rpm-query.js';
import { fixtureRoot } from './testdata/golden.js';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const fakeRpm = [process.execPath, join(testdata, 'fake-rpm.mjs')];

const shape = {
  name: 'NonEmptyString',
  version: 'NonEmptyString',
  release: 'String',
  source: 'String',
  size: 'NonNegativeInt',
  sha1: /^([0-9a-f]{40})?$/,
  arch: 'String',
  epoch: 'NonNegativeOrEmptyInt',
  install_time: 'NonNegativeInt',
  vendor: 'String',
  package_group: 'String',
  pid_with_namespace: 'NonNegativeInt',
} as const;

/** A root whose only content is an empty /var/lib/rpm. */
function createRpmRoot(t: { after: (fn: () => void) => void }): string {
  const root = mkdtempSync(join(tmpdir(), 'watchpost-rpm-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'var/lib/rpm'), { recursive: true });
  return root;
}

test('parseRpmQueryOutput maps (none) to empty cells and skips malformed lines', () => {
  const packages = parseRpmQueryOutput(readFileSync(join(testdata, 'rpm-qa.txt'), 'utf8'));
  assert.deepEqual(packages.map((p) => p.name), ['bash', 'gpg-pubkey', 'shadow-utils']);
  assert.deepEqual(packages[0], {
    name: 'bash',
    version: '5.2.15',
    release: '3.el9',
    source: 'bash-5.2.15-3.el9.src.rpm',
    size: '7738634',
    sha1: '4a0ad5a1e2b3c4d5e6f708192a3b4c5d6e7f8091',
    arch: 'x86_64',
    epoch: '',
    install_time: '1714000000',
    vendor: 'Rocky Enterprise Software Foundation',
    package_group: 'Unspecified',
  });
  assert.equal(packages[1]?.arch, '');
});

test('rpmQueryFormat asks rpm for the tags osquery reads, tab-separated', () => {
  assert.equal(rpmQueryFormat, '%{NAME}\\t%{VERSION}\\t%{RELEASE}\\t%{SOURCERPM}\\t%{SIZE}\\t%{SHA1HEADER}\\t%{ARCH}\\t%{EPOCH}\\t%{INSTALLTIME}\\t%{VENDOR}\\t%{GROUP}\\n');
});

test('rpm_packages is empty and silent without an RPM database', () => {
  const { rows, warnings } = runGenerator(createRpmPackagesTable({ rpmCommand: fakeRpm }), { paths: { root: fixtureRoot } });
  assert.deepEqual(rows, []);
  assert.deepEqual(warnings, []);
});

test('rpm_packages runs rpm --root <root> -qa when a database exists, and filters name = X', (t) => {
  const root = createRpmRoot(t);
  const table = createRpmPackagesTable({ rpmCommand: fakeRpm });
  const { rows, warnings } = runGenerator(table, { paths: { root } });
  assert.deepEqual(warnings, []);
  assert.deepEqual(rows.map((r) => r.name), ['bash', 'gpg-pubkey', 'shadow-utils']);
  assert.equal(rows[2]?.vendor, root, 'rpm was pointed at the root');
  assert.deepEqual(validateRows('rpm_packages', rows, { ...shape, sha1: /^([0-9a-f]{40})?$/ }), []);
  const one = runGenerator(table, { paths: { root }, constraints: { name: [{ op: '=', value: 'bash' }] } });
  assert.deepEqual(one.rows.map((r) => r.name), ['bash']);
});

test('rpm_packages warns and stays empty when the database exists but rpm is missing or fails', (t) => {
  const root = createRpmRoot(t);
  const missing = runGenerator(createRpmPackagesTable({ rpmCommand: [] }), { paths: { root } });
  assert.deepEqual(missing.rows, []);
  assert.deepEqual(missing.warnings, ['rpm_packages: found an RPM database at /var/lib/rpm but no rpm command to read it']);
  process.env.FAKE_RPM_FAIL = '1';
  t.after(() => delete process.env.FAKE_RPM_FAIL);
  const failing = runGenerator(createRpmPackagesTable({ rpmCommand: fakeRpm }), { paths: { root } });
  assert.deepEqual(failing.rows, []);
  assert.deepEqual(failing.warnings, ['rpm_packages: rpm -qa failed: error: cannot open Packages index using bdb_ro - No such file or directory (2)']);
});

test('rpm_packages on this machine has osquery column shapes (zero rows on Debian)', () => {
  const { rows } = runGenerator(rpmPackagesTable);
  assert.deepEqual(validateRows('rpm_packages', rows, shape), []);
});
