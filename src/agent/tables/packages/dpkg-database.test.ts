import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildDpkgPackages, readDpkgDatabase } from './dpkg-database.js';
import { fixtureRoot } from './testdata/golden.js';

const admindir = join(fixtureRoot, 'var/lib/dpkg');

function readFixture(dir: string) {
  const result = readDpkgDatabase(dir);
  assert.ok('packages' in result, JSON.stringify(result));
  return result.packages;
}

test('readDpkgDatabase keeps installed, unpacked, half-installed and config-files packages, drops not-installed', () => {
  const packages = readFixture(admindir);
  assert.deepEqual(
    packages.map((p) => `${p.name}:${p.arch} ${p.status}`),
    [
      'adduser:all install ok installed',
      'bsdutils:amd64 install ok installed',
      'flaky:amd64 hold reinstreq half-installed',
      'libc6:amd64 install ok installed',
      'libc6:i386 install ok installed',
      'mixed-case-tool:amd64 install ok unpacked',
      'oldconf:amd64 deinstall ok config-files',
      'upgraded:amd64 install ok installed',
    ],
  );
});

test('readDpkgDatabase reads the fields libdpkg hands osquery', () => {
  const byName = new Map(readFixture(admindir).map((p) => [`${p.name}:${p.arch}`, p]));
  assert.deepEqual(byName.get('bsdutils:amd64'), {
    name: 'bsdutils',
    version: '1:2.38.1-5+deb12u1',
    revision: '5+deb12u1',
    arch: 'amd64',
    status: 'install ok installed',
    priority: 'required',
    section: 'utils',
    source: 'util-linux (2.38.1-5)',
    size: '344',
    maintainer: 'util-linux packagers <util-linux@packages.debian.org>',
  });
  assert.equal(byName.get('flaky:amd64')?.version, '1.0~rc1', 'a zero epoch is not printed');
  assert.equal(byName.get('flaky:amd64')?.priority, 'Custom-Level', 'an unknown priority is kept verbatim');
  assert.equal(byName.get('libc6:i386')?.size, '11972', 'each Multi-Arch instance is its own row');
});

test('readDpkgDatabase applies the updates journal over the status file', () => {
  const upgraded = readFixture(admindir).find((p) => p.name === 'upgraded');
  assert.equal(upgraded?.version, '1.1-1');
  assert.equal(upgraded?.size, '101');
  assert.equal(upgraded?.priority, 'optional', 'priority and section survive a journal stanza without them');
  assert.equal(upgraded?.section, 'misc');
});

test('readDpkgDatabase fills a missing Section and Priority from available, never overriding status', () => {
  const packages = readFixture(admindir);
  const tool = packages.find((p) => p.name === 'mixed-case-tool');
  assert.equal(tool?.priority, 'extra');
  assert.equal(tool?.section, 'utils');
  const adduser = packages.find((p) => p.name === 'adduser');
  assert.equal(adduser?.priority, 'important');
  assert.equal(adduser?.section, 'admin');
  assert.equal(packages.some((p) => p.name === 'not-in-status'), false);
});

test('buildDpkgPackages reports priority unknown when no file names one', () => {
  const [p] = buildDpkgPackages({ status: ['Package: x\nStatus: install ok installed\nVersion: 1\n'] });
  assert.equal(p?.priority, 'unknown');
  assert.equal(p?.section, '');
  assert.equal(p?.arch, '');
});

test('buildDpkgPackages skips stanzas whose Status is missing or not three known words', () => {
  const packages = buildDpkgPackages({
    status: ['Package: a\nVersion: 1\n\nPackage: b\nStatus: install ok\n\nPackage: c\nStatus: install fine installed\n\nPackage: d\nStatus: install ok installed\n'],
  });
  assert.deepEqual(packages.map((p) => p.name), ['d']);
});

test('readDpkgDatabase reads status.d when there is no status file (distroless images)', () => {
  const packages = readFixture(join(fixtureRoot, 'var/lib/dpkg-distroless'));
  assert.deepEqual(packages.map((p) => `${p.name} ${p.version}`), ['base-files 12.4+deb12u5', 'tzdata 2024a-0+deb12u1']);
});

test('readDpkgDatabase names osquery\'s error codes', () => {
  assert.deepEqual(readDpkgDatabase(join(fixtureRoot, 'var/lib/dpkg-empty')), { error: 'NoPackagesFound' });
  assert.deepEqual(readDpkgDatabase(join(fixtureRoot, 'etc/passwd')), { error: 'InvalidAdminDirPath' });
  assert.deepEqual(readDpkgDatabase(join(fixtureRoot, 'etc/apt')), { error: 'NotADpkgAdminDir' });
});
