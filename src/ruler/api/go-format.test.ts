import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoFloatE, formatRfc3339Nano } from './go-format.js';

test('formatGoFloatE() prints as Go %e shortest', () => {
  const cases: Array<[number, string]> = [
    [1, '1e+00'],
    [1.5, '1.5e+00'],
    [0, '0e+00'],
    [1234567, '1.234567e+06'],
    [0.00012, '1.2e-04'],
    [1e100, '1e+100'],
    [NaN, 'NaN'],
    [-Infinity, '-Inf'],
  ];
  for (const [value, want] of cases) assert.equal(formatGoFloatE(value), want, String(value));
});

test('formatRfc3339Nano() trims the fraction as Go does and prints the zero time for undefined', () => {
  assert.equal(formatRfc3339Nano(Date.parse('2024-01-01T00:01:00.120Z')), '2024-01-01T00:01:00.12Z');
  assert.equal(formatRfc3339Nano(Date.parse('2024-01-01T00:01:00Z')), '2024-01-01T00:01:00Z');
  assert.equal(formatRfc3339Nano(undefined), '0001-01-01T00:00:00Z');
});
