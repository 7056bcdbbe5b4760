import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pickPosixAbbreviation, pickTzifAbbreviation, readLocalTimezone } from './local-timezone.js';
import { createQueryContext } from '../../sql/query-context.js';
import { defaultSystemPaths } from '../table.js';

const zoneinfo = fileURLToPath(new URL('./testdata/zoneinfo', import.meta.url));
const tzif = (zone: string): Buffer => readFileSync(`${zoneinfo}/${zone}`);
const at = (iso: string): number => Date.parse(iso) / 1000;

const tzifCases = [
  { zone: 'Europe/Berlin', when: '2024-01-15T12:00:00Z', offset: 3600, expected: 'CET' },
  { zone: 'Europe/Berlin', when: '2024-07-15T12:00:00Z', offset: 7200, expected: 'CEST' },
  { zone: 'Europe/Berlin', when: '1890-01-01T00:00:00Z', offset: 3208, expected: 'LMT' },
  // Past the last stored transition the footer rule decides, by offset.
  { zone: 'Europe/Berlin', when: '2060-07-15T12:00:00Z', offset: 7200, expected: 'CEST' },
  { zone: 'Europe/Berlin', when: '2060-01-15T12:00:00Z', offset: 3600, expected: 'CET' },
  { zone: 'America/New_York', when: '2024-07-04T12:00:00Z', offset: -14400, expected: 'EDT' },
  { zone: 'America/New_York', when: '2024-12-25T12:00:00Z', offset: -18000, expected: 'EST' },
  { zone: 'Etc/UTC', when: '2024-12-25T12:00:00Z', offset: 0, expected: 'UTC' },
  { zone: 'Australia/Lord_Howe', when: '2060-01-15T12:00:00Z', offset: 39600, expected: '+11' },
];
for (const c of tzifCases) {
  test(`pickTzifAbbreviation: ${c.zone} at ${c.when} is ${c.expected}`, () => {
    assert.equal(pickTzifAbbreviation(tzif(c.zone), at(c.when), c.offset), c.expected);
  });
}

test('pickTzifAbbreviation gives undefined for a truncated file', () => {
  assert.equal(pickTzifAbbreviation(tzif('Europe/Berlin').subarray(0, 60), 0, 0), undefined);
});

const posixCases = [
  { rule: 'CET-1CEST,M3.5.0,M10.5.0/3', offset: 7200, expected: 'CEST' },
  { rule: 'CET-1CEST,M3.5.0,M10.5.0/3', offset: 3600, expected: 'CET' },
  { rule: '<+1030>-10:30<+11>-11,M10.1.0,M4.1.0', offset: 37800, expected: '+1030' },
  { rule: 'IST-5:30', offset: 19800, expected: 'IST' },
  { rule: 'EST5EDT', offset: -14400, expected: 'EDT' },
  { rule: 'Europe/Paris', offset: 3600, expected: undefined },
];
for (const c of posixCases) {
  test(`pickPosixAbbreviation(${c.rule}, ${c.offset}) is ${String(c.expected)}`, () => {
    assert.equal(pickPosixAbbreviation(c.rule, c.offset), c.expected);
  });
}

test('readLocalTimezone follows TZ into $TZDIR and agrees with the current offset', () => {
  const saved = { TZ: process.env.TZ, TZDIR: process.env.TZDIR };
  try {
    process.env.TZ = 'America/New_York';
    process.env.TZDIR = zoneinfo;
    const ctx = createQueryContext({
      table: 'time', paths: defaultSystemPaths, constraints: new Map(), usedColumns: new Set(), deadlineMs: Date.now() + 10_000,
      timeoutMs: 10_000, warn: () => {},
    });
    const now = at('2024-07-04T12:00:00Z');
    assert.equal(readLocalTimezone(ctx, now), 'EDT');
    process.env.TZ = '';
    assert.equal(readLocalTimezone(ctx, now), 'UTC');
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});
