import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatByteSize, formatGoTimeString, formatRfc3339 } from './go-time.js';

test('formatGoTimeString prints Go Time.String() in UTC with the fraction trimmed', () => {
  const cases: [bigint, string][] = [
    [1704067200000000000n, '2024-01-01 00:00:00 +0000 UTC'],
    [1704067200500000000n, '2024-01-01 00:00:00.5 +0000 UTC'],
    [1704067200000000001n, '2024-01-01 00:00:00.000000001 +0000 UTC'],
    [0n, '1970-01-01 00:00:00 +0000 UTC'],
  ];
  for (const [ns, want] of cases) assert.equal(formatGoTimeString(ns), want);
});

test('formatRfc3339 has second precision', () => {
  assert.equal(formatRfc3339(1704067200999999999n), '2024-01-01T00:00:00Z');
});

test('formatByteSize prints base-2 units as dskit ByteSize does', () => {
  const cases: [number, string][] = [
    [0, '0B'],
    [1000, '1000B'],
    [1024, '1KB'],
    [3 * 1024 * 1024, '3MB'],
    [1500, '1KB476B'],
  ];
  for (const [n, want] of cases) assert.equal(formatByteSize(n), want);
});
