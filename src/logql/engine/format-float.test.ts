import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFloat } from './format-float.js';

const cases: readonly [number, string][] = [
  [1, '1'],
  [0.5, '0.5'],
  [1267.1266666666666, '1267.1266666666666'],
  [NaN, 'NaN'],
  [Infinity, '+Inf'],
  [-Infinity, '-Inf'],
  [-0, '-0'],
  [0, '0'],
  [1e21, '1000000000000000000000'],
  [1.5e-7, '0.00000015'],
  [-2.5e-10, '-0.00000000025'],
  [123456789e20, '12345678900000000000000000000'],
  [1 / 60, '0.016666666666666666'],
];

for (const [value, want] of cases) {
  test(`formatFloat(${value}) is ${want} as Go's FormatFloat(v, 'f', -1, 64)`, () => {
    assert.equal(formatFloat(value), want);
  });
}
