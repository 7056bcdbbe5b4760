import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loggedInUsersTable } from './logged-in-users.js';
import { encodeUtmpFile, type UtmpRecordInput } from './utmp-writer.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows, type ValidationMap } from '../testing/validate-columns.js';
import type { Row } from '../table.js';

const testdata = new URL('./testdata/', import.meta.url).pathname;

/** Runs logged_in_users over a utmp crafted from records. */
function runOnRecords(records: readonly UtmpRecordInput[]): { rows: Row[]; warnings: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'wp-utmp-'));
  try {
    const utmp = join(dir, 'utmp');
    writeFileSync(utmp, encodeUtmpFile(records));
    return runGenerator(loggedInUsersTable, { paths: { utmp } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const typeNames: ReadonlyArray<[number, string]> = [
  [0, 'empty'], [1, 'runlevel'], [2, 'boot_time'], [3, 'new_time'], [4, 'old_time'], [5, 'init'],
  [6, 'login'], [7, 'user'], [8, 'dead'], [9, 'accounting'], [10, 'unknown'], [-1, 'unknown'], [300, 'unknown'],
];

for (const [type, name] of typeNames) {
  test(`logged_in_users: ut_type ${type} reads type '${name}'`, () => {
    const { rows } = runOnRecords([{ type, pid: 77, user: 'u', line: 'pts/9', host: 'h', tvSec: 12 }]);
    assert.deepEqual(rows, [{ type: name, user: 'u', tty: 'pts/9', host: 'h', time: 12, pid: 77 }]);
  });
}

const cases: ReadonlyArray<{ name: string; records: UtmpRecordInput[]; rows: Row[] }> = [
  {
    name: 'an open ssh session is a user row with host, tty, time and pid',
    records: [{ type: 7, pid: 8481, line: 'pts/0', id: 'ts/0', user: 'alice', host: '127.0.0.1', tvSec: 1_796_318_931, tvUsec: 7 }],
    rows: [{ type: 'user', user: 'alice', tty: 'pts/0', host: '127.0.0.1', time: 1_796_318_931, pid: 8481 }],
  },
  {
    name: 'records of pid 1 are skipped whatever their type, pid 0 is kept',
    records: [
      { type: 1, pid: 1, user: 'runlevel', line: '~' },
      { type: 7, pid: 1, user: 'weird', line: 'tty9' },
      { type: 2, pid: 0, user: 'reboot', line: '~', host: '6.1.0-28-amd64', tvSec: 5 },
    ],
    rows: [{ type: 'boot_time', user: 'reboot', tty: '~', host: '6.1.0-28-amd64', time: 5, pid: 0 }],
  },
  {
    name: 'dead and empty slots are listed (osquery does not filter them)',
    records: [{ type: 8, pid: 300, line: 'pts/1' }, {}],
    rows: [
      { type: 'dead', user: '', tty: 'pts/1', host: '', time: 0, pid: 300 },
      { type: 'empty', user: '', tty: '', host: '', time: 0, pid: 0 },
    ],
  },
];

for (const c of cases) {
  test(`logged_in_users: ${c.name}`, () => {
    const { rows, warnings } = runOnRecords(c.records);
    assert.deepEqual(rows, c.rows);
    assert.deepEqual(warnings, []);
  });
}

test('logged_in_users yields zero rows, without warnings, when utmp is missing', () => {
  const { rows, warnings } = runGenerator(loggedInUsersTable, { paths: { utmp: join(testdata, 'no-such-utmp') } });
  assert.deepEqual(rows, []);
  assert.deepEqual(warnings, []);
});

const shape: ValidationMap = {
  type: /^(empty|runlevel|boot_time|new_time|old_time|init|login|user|dead|accounting|unknown)$/,
  user: 'String', tty: 'String', host: 'String', time: 'Int', pid: 'Int',
};

test('logged_in_users rows have osquery column shapes (fixture and live utmp)', () => {
  const fixture = runGenerator(loggedInUsersTable, { paths: { utmp: join(testdata, 'mixed.utmp') } }).rows;
  assert.equal(fixture.length, 11);
  assert.deepEqual(validateRows('logged_in_users', fixture, shape), []);
  const live = runGenerator(loggedInUsersTable).rows;
  assert.deepEqual(validateRows('logged_in_users', live, shape), []);
  for (const row of live) assert.notEqual(row.pid, 1);
});
