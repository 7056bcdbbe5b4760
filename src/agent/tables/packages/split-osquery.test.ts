import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitOsquery } from './split-osquery.js';

test('splitOsquery drops empty pieces before trimming, as osquery::split does', () => {
  assert.deepEqual(splitOsquery('a  b\t c'), ['a', 'b', 'c']);
  assert.deepEqual(splitOsquery('Codename: ', ':'), ['Codename', '']);
  assert.deepEqual(splitOsquery('MD5Sum:', ':'), ['MD5Sum']);
});
