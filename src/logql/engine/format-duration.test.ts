import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGoDuration, formatPromDuration } from './format-duration.js';

const goCases: readonly [bigint, string][] = [
  [0n, '0s'],
  [744n * 3600n * 1_000_000_000n, '744h0m0s'],
  [90n * 1_000_000_000n, '1m30s'],
  [1_500_000_000n, '1.5s'],
  [300_000_000n, '300ms'],
  [1_500n, '1.5µs'],
  [12n, '12ns'],
  [3_723_000_000_001n, '1h2m3.000000001s'],
  [-60n * 1_000_000_000n, '-1m0s'],
];
for (const [ns, want] of goCases) {
  test(`formatGoDuration(${ns}) is ${want}`, () => assert.equal(formatGoDuration(ns), want));
}

const promCases: readonly [number, string][] = [
  [0, '0s'],
  [721 * 3600_000, '30d1h'],
  [300_000, '5m'],
  [7 * 86400_000, '1w'],
  [365 * 86400_000, '1y'],
  [90 * 86400_000, '90d'],
  [1500, '1s500ms'],
];
for (const [ms, want] of promCases) {
  test(`formatPromDuration(${ms}) is ${want}`, () => assert.equal(formatPromDuration(ms), want));
}
