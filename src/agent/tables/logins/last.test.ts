import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastTable } from './last.js';
import { encodeUtmpFile, type UtmpRecordInput } from './utmp-writer.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows, type ValidationMap } from '../testing/validate-columns.js';
import type { Row } from '../table.js';

const testdata = new URL('./testdata/', import.meta.url).pathname;

/** Runs `last` over a wtmp crafted from records. */
function runOnRecords(records: readonly UtmpRecordInput[]): { rows: Row[]; warnings: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'wp-last-'));
  try {
    const wtmp = join(dir, 'wtmp');
    writeFileSync(wtmp, encodeUtmpFile(records));
    return runGenerator(lastTable, { paths: { wtmp } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const session = { line: 'pts/3', id: 'ts/3', host: '198.51.100.4', pid: 5150 } as const;

const cases: ReadonlyArray<{ name: string; records: UtmpRecordInput[]; rows: Row[] }> = [
  {
    name: 'a login and its logout become user-process and dead-process rows',
    records: [
      { ...session, type: 7, user: 'alice', tvSec: 1_700_000_000, tvUsec: 5 },
      { ...session, type: 8, user: '', host: '', tvSec: 1_700_003_600 },
    ],
    rows: [
      { username: 'alice', tty: 'pts/3', pid: 5150, type: 7, type_name: 'user-process', time: 1_700_000_000, host: '198.51.100.4' },
      { username: '', tty: 'pts/3', pid: 5150, type: 8, type_name: 'dead-process', time: 1_700_003_600, host: '' },
    ],
  },
  {
    name: 'every other ut_type is skipped',
    records: [0, 1, 2, 3, 4, 5, 6, 9, 10, -1, 256].map((type) => ({ type, user: `t${type}`, pid: 100 })),
    rows: [],
  },
  {
    name: 'records keep file order, interleaved with skipped ones',
    records: [
      { type: 2, user: 'reboot', line: '~', host: '6.1.0' },
      { type: 7, user: 'bob', line: 'tty1', pid: 1 },
      { type: 6, user: 'LOGIN', line: 'tty2' },
      { type: 7, user: 'carol', line: 'pts/0', pid: 2 },
      { type: 8, line: 'tty1', pid: 1 },
    ],
    rows: [
      { username: 'bob', tty: 'tty1', pid: 1, type: 7, type_name: 'user-process', time: 0, host: '' },
      { username: 'carol', tty: 'pts/0', pid: 2, type: 7, type_name: 'user-process', time: 0, host: '' },
      { username: '', tty: 'tty1', pid: 1, type: 8, type_name: 'dead-process', time: 0, host: '' },
    ],
  },
  {
    name: 'time is the signed 32-bit tv_sec (microseconds dropped)',
    records: [{ type: 7, user: 'old', tvSec: -1, tvUsec: 999_999 }],
    rows: [{ username: 'old', tty: '', pid: 0, type: 7, type_name: 'user-process', time: -1, host: '' }],
  },
  {
    name: 'full-width fields come through whole',
    records: [{ type: 7, user: 'u'.repeat(32), line: 'l'.repeat(32), host: 'h'.repeat(256) }],
    rows: [{ username: 'u'.repeat(32), tty: 'l'.repeat(32), pid: 0, type: 7, type_name: 'user-process', time: 0, host: 'h'.repeat(256) }],
  },
];

for (const c of cases) {
  test(`last: ${c.name}`, () => {
    const { rows, warnings } = runOnRecords(c.records);
    assert.deepEqual(rows, c.rows);
    assert.deepEqual(warnings, []);
  });
}

test('last yields zero rows, without warnings, when wtmp is missing', () => {
  const { rows, warnings } = runGenerator(lastTable, { paths: { wtmp: join(testdata, 'no-such-wtmp') } });
  assert.deepEqual(rows, []);
  assert.deepEqual(warnings, []);
});

const lastShape: ValidationMap = {
  username: 'String', tty: 'String', pid: 'Int', type: /^[78]$/, type_name: /^(user|dead)-process$/, time: 'Int', host: 'String',
};

test('last rows have osquery column shapes (fixture and live wtmp)', () => {
  const fixture = runGenerator(lastTable, { paths: { wtmp: join(testdata, 'mixed.utmp') } }).rows;
  assert.equal(fixture.length, 5);
  assert.deepEqual(validateRows('last', fixture, lastShape), []);
  const live = runGenerator(lastTable).rows;
  assert.deepEqual(validateRows('last', live, lastShape), []);
});
