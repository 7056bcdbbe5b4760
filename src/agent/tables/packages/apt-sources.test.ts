import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { aptSourcesTable } from './apt-sources.js';
import { assertGolden, fixtureRoot } from './testdata/golden.js';

const shape = {
  name: 'NonEmptyString',
  source: /^\/etc\/apt\/sources\.list(\.d\/.+\.(list|sources))?$/,
  base_uri: /^[a-z0-9+.-]+:\/\/.*[^/]$/,
  release: 'String',
  version: 'String',
  maintainer: 'String',
  components: 'String',
  architectures: 'String',
  pid_with_namespace: 'NonNegativeInt',
} as const;

test('apt_sources reads sources.list, *.list and deb822 *.sources with a cached Release (golden)', () => {
  const { rows, warnings } = runGenerator(aptSourcesTable, { paths: { root: fixtureRoot } });
  assert.deepEqual(warnings, []);
  assert.deepEqual(validateRows('apt_sources', rows, shape), []);
  assert.deepEqual(rows.map((r) => `${r.source}: ${r.name}`), [
    '/etc/apt/sources.list: deb.debian.org/debian bookworm',
    '/etc/apt/sources.list: download.docker.com/linux/debian bookworm',
    '/etc/apt/sources.list: security.debian.org/debian-security bookworm-security',
    '/etc/apt/sources.list.d/extra.list: deb.debian.org/debian bookworm-updates',
    '/etc/apt/sources.list.d/debian.sources: deb.debian.org/debian bookworm',
    '/etc/apt/sources.list.d/debian.sources: deb.debian.org/debian bookworm-updates',
    '/etc/apt/sources.list.d/debian.sources: mirror.example.net/debian bookworm',
  ]);
  const updates = rows.find((r) => r.name === 'deb.debian.org/debian bookworm-updates');
  assert.equal(updates?.maintainer, 'Debian', 'InRelease sorts before Release and wins');
  assertGolden('apt_sources', rows);
});

test('apt_sources reads this machine\'s APT configuration with osquery column shapes', () => {
  const { rows, warnings } = runGenerator(aptSourcesTable);
  assert.deepEqual(warnings, []);
  assert.deepEqual(validateRows('apt_sources', rows, shape), []);
});
