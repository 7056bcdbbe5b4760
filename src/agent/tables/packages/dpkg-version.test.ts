import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeDpkgVersion, parseDpkgVersion } from './dpkg-version.js';

// Expected values follow libdpkg's parseversion/versiondescribe(vdew_nonambig).
const cases = [
  { text: '3.134', version: '3.134', revision: '' },
  { text: '2.36-9+deb12u4', version: '2.36-9+deb12u4', revision: '9+deb12u4' },
  { text: '1:2.38.1-5+deb12u1', version: '1:2.38.1-5+deb12u1', revision: '5+deb12u1' },
  { text: '0:1.0~rc1', version: '1.0~rc1', revision: '' },
  { text: '  7.88.1-10+deb12u5 ', version: '7.88.1-10+deb12u5', revision: '10+deb12u5' },
  { text: '1.2-3-4', version: '1.2-3-4', revision: '4' },
  { text: '0:1:2-3', version: '0:1:2-3', revision: '3' },
  { text: '', version: '<none>', revision: '' },
];

for (const c of cases) {
  test(`describeDpkgVersion(${JSON.stringify(c.text)}) prints ${c.version}`, () => {
    const parsed = parseDpkgVersion(c.text);
    assert.equal(describeDpkgVersion(parsed), c.version);
    assert.equal(parsed?.revision, c.revision);
  });
}

test('parseDpkgVersion rejects a non-numeric epoch', () => {
  assert.equal(parseDpkgVersion('a:1.0'), undefined);
  assert.equal(describeDpkgVersion(undefined), '<none>');
});
