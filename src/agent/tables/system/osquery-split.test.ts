import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitOsquery } from './osquery-split.js';

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
