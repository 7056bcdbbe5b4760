import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inShard, machineShard, matchesPlatform, meetsVersion } from './pack-filter.js';

const platforms: Array<[string, string, boolean]> = [
  ['', 'linux', true],
  ['any', 'linux', true],
  ['all', 'win32', true],
  ['linux', 'linux', true],
  ['ubuntu', 'linux', true],
  ['centos', 'linux', true],
  ['posix', 'linux', true],
  ['posix', 'darwin', true],
  ['posix', 'win32', false],
  ['darwin', 'linux', false],
  ['darwin,linux', 'linux', true],
  ['windows', 'linux', false],
  ['gentoo', 'linux', false],
  ['freebsd', 'linux', false],
];

for (const [platform, host, expected] of platforms) {
  test(`matchesPlatform() "${platform}" on ${host} is ${expected}`, () => {
    assert.equal(matchesPlatform(platform, host), expected);
  });
}

test('meetsVersion() compares dotted versions against the osquery version Watchpost behaves as', () => {
  assert.deepEqual(['', '1.4.5', '5.23.1', '5.23.2', '6.0', '5.3'].map((v) => meetsVersion(v)), [true, true, true, false, false, true]);
});

test('machineShard() is SHA-1(hostname)[0] * 100 / 255, and shards keep machines at or below them', () => {
  // sha1("localhost") starts with 0x33 = 51 → 51 * 100 / 255 = 20.
  assert.equal(machineShard('localhost'), 20);
  assert.equal(inShard(0, 99), true);
  assert.equal(inShard(12, 12), true);
  assert.equal(inShard(11, 12), false);
});
