import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { splitPortageAtom } from './portage-atom.js';
import { parseWorldFile, portagePackagesTable } from './portage-packages.js';
import { assertGolden, fixtureRoot } from './testdata/golden.js';

const atomCases = [
  { atom: 'app-editors/vim-9.0.1678-r1', package: 'app-editors/vim', version: '9.0.1678-r1' },
  { atom: 'sys-libs/glibc-2.38-r10/', package: 'sys-libs/glibc', version: '2.38-r10' },
  { atom: 'dev-lang/python-3.11.8_p1', package: 'dev-lang/python', version: '3.11.8_p1' },
  { atom: 'x11-libs/gtk+-3.24.41', package: 'x11-libs/gtk+', version: '3.24.41' },
  { atom: '>=dev-lang/python-3.11', package: 'dev-lang/python', version: '>=3.11' },
  { atom: '=app-misc/foo-1.0', package: 'app-misc/foo', version: '1.0' },
  { atom: 'app-editors/vim', package: 'app-editors/vim', version: '' },
  { atom: 'media-libs/libsdl2-compat', package: 'media-libs/libsdl2-compat', version: '' },
  { atom: 'no-category-1.0', package: 'no-category-1.0', version: '' },
];

for (const c of atomCases) {
  test(`splitPortageAtom(${JSON.stringify(c.atom)})`, () => {
    assert.deepEqual(splitPortageAtom(c.atom), { package: c.package, version: c.version });
  });
}

test('parseWorldFile keeps the first word of each non-comment line, without version', () => {
  assert.deepEqual([...parseWorldFile('# c\napp-editors/vim\n\n  >=dev-lang/python-3.11 extra\n')], ['app-editors/vim', 'dev-lang/python']);
});

const shape = {
  package: /^[^/]+\/.+$/,
  version: 'String',
  slot: 'String',
  build_time: 'NonNegativeOrEmptyInt',
  repository: 'String',
  eapi: 'NonNegativeOrEmptyInt',
  size: 'NonNegativeOrEmptyInt',
  world: 'Bool',
} as const;

test('portage_packages reads /var/db/pkg and the world file (golden)', () => {
  const { rows } = runGenerator(portagePackagesTable, { paths: { root: fixtureRoot } });
  assert.deepEqual(validateRows('portage_packages', rows, shape), []);
  assert.deepEqual(rows.map((r) => `${r.package} ${r.version} world=${r.world}`), [
    'app-editors/vim 9.0.1678-r1 world=1',
    'dev-lang/python 3.11.8_p1 world=1',
    'sys-libs/glibc 2.38-r10 world=0',
  ]);
  assertGolden('portage_packages', rows);
});

test('portage_packages is empty on this (non-Gentoo) machine', () => {
  const { rows, warnings } = runGenerator(portagePackagesTable);
  assert.deepEqual(validateRows('portage_packages', rows, shape), []);
  assert.deepEqual(warnings, []);
});

test('portage_packages is empty when the world file is missing, as in osquery', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'watchpost-portage-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'var/db/pkg/app-misc/foo-1.0'), { recursive: true });
  assert.deepEqual(runGenerator(portagePackagesTable, { paths: { root } }).rows, []);
  mkdirSync(join(root, 'var/lib/portage'), { recursive: true });
  writeFileSync(join(root, 'var/lib/portage/world'), '');
  assert.deepEqual(runGenerator(portagePackagesTable, { paths: { root } }).rows, [{ package: 'app-misc/foo', version: '1.0', world: 0 }]);
});
