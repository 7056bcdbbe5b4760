import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerAscii, splitOsquery, trimAscii, trimChars } from './osquery-strings.js';

const cases = [
  { s: 'a b  c', delims: ' ', expected: ['a', 'b', 'c'] },
  { s: 'KEY = "v" ', delims: '=', expected: ['KEY', '"v"'] },
  { s: 'a \n', delims: ' ', expected: ['a', ''] },
  { s: '::x:', delims: ':', expected: ['x'] },
  { s: 'a;b,c', delims: ';,', expected: ['a', 'b', 'c'] },
  { s: '', delims: ' ', expected: [] },
];
for (const c of cases) {
  test(`splitOsquery(${JSON.stringify(c.s)}, ${JSON.stringify(c.delims)}) drops empty pieces, then trims`, () => {
    assert.deepEqual(splitOsquery(c.s, c.delims), c.expected);
  });
}

test('splitOsquery splits on tab and space by default and keeps a blank piece as an empty string', () => {
  assert.deepEqual(splitOsquery('a  b\t c'), ['a', 'b', 'c']);
  assert.deepEqual(splitOsquery('Codename: ', ':'), ['Codename', '']);
  assert.deepEqual(splitOsquery('MD5Sum:', ':'), ['MD5Sum']);
});

test('trimAscii, trimChars and lowerAscii touch ASCII only, as the C locale does', () => {
  assert.equal(trimAscii('\v a b \u00a0\r\n'), 'a b \u00a0');
  assert.equal(trimChars('"quoted"', '"'), 'quoted');
  assert.equal(lowerAscii('ÄBC-Def'), 'Äbc-def');
});
