import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { formatResult, type OutputMode } from './output-format.js';
import type { QueryResult } from '../sql/index.js';

// One result rendered in every mode; each golden file holds osqueryi's output for it.
// Rewrite with UPDATE_GOLDEN=1 and review the diff.
const result: QueryResult = {
  columns: ['pid', 'name', 'cmdline', 'nothing'],
  rows: [
    ['1', 'systemd', '/sbin/init splash', null],
    ['4242', 'sshd', 'sshd: alice@pts/0 "x",y', null],
    ['7', 'ünïcode', '', null],
  ],
};

const modes: OutputMode[] = ['pretty', 'json', 'json_pretty', 'line', 'csv', 'list', 'column'];

for (const mode of modes) {
  test(`formatResult prints ${mode} mode as osqueryi does`, () => {
    const golden = new URL(`./testdata/${mode}.golden`, import.meta.url);
    const actual = formatResult(result, { mode });
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
    assert.equal(actual, readFileSync(golden, 'utf8'));
  });
}

test('formatResult prints nothing for zero rows in pretty mode and an empty array in json', () => {
  const empty: QueryResult = { columns: ['a'], rows: [] };
  assert.equal(formatResult(empty, { mode: 'pretty' }), '');
  assert.equal(formatResult(empty, { mode: 'json' }), '[\n\n]\n');
});

test('formatResult sorts json keys and keeps every value a string', () => {
  const out = formatResult({ columns: ['b', 'a'], rows: [['2', null]] }, { mode: 'json' });
  assert.equal(out, '[\n  {"a":"","b":"2"}\n]\n');
});

test('formatResult uses the null value given', () => {
  const out = formatResult({ columns: ['a'], rows: [[null]] }, { mode: 'list', nullValue: 'NULL', headers: false });
  assert.equal(out, 'NULL\n');
});
