import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonLabels, formatTimestamp, printStreams, type ApiStream, type PrintOptions } from './print-streams.js';

const streams: ApiStream[] = [
  { stream: { job: 'sshd', host: 'web1' }, values: [['1764756002000000000', 'Accepted password for alice'], ['1764756000000000000', 'first']] },
  { stream: { job: 'sshd', host: 'db22' }, values: [['1764756001500000000', '  second  ']] },
];

function capture(overrides: Partial<PrintOptions>): { out: string[]; notes: string[]; options: PrintOptions } {
  const out: string[] = [];
  const notes: string[] = [];
  return {
    out,
    notes,
    options: { mode: 'default', noLabels: false, forward: false, utc: true, quiet: false, write: (t) => out.push(t), note: (t) => notes.push(t), ...overrides },
  };
}

test('printStreams() default mode: common labels on stderr, entries newest first with padded own labels', () => {
  const { out, notes, options } = capture({});
  assert.equal(printStreams(streams, options), 3);
  assert.deepEqual(notes, ['Common labels: {job="sshd"}']);
  assert.deepEqual(out, [
    '2025-12-03T10:00:02Z {host="web1"} Accepted password for alice',
    '2025-12-03T10:00:01Z {host="db22"} second',
    '2025-12-03T10:00:00Z {host="web1"} first',
  ]);
});

test('printStreams() raw mode prints lines only, forward order when asked', () => {
  const { out, options } = capture({ mode: 'raw', forward: true });
  printStreams(streams, options);
  assert.deepEqual(out, ['first', '  second  ', 'Accepted password for alice']);
});

test('printStreams() jsonl mode prints labels, line and an RFC3339Nano timestamp, keys sorted as Go marshals a map', () => {
  const { out, options } = capture({ mode: 'jsonl' });
  printStreams(streams.slice(1), options);
  assert.deepEqual(out, ['{"labels":{},"line":"  second  ","timestamp":"2025-12-03T10:00:01.5Z"}']);
});

test('commonLabels() keeps only pairs every stream shares', () => {
  assert.deepEqual(commonLabels(streams), { job: 'sshd' });
  assert.deepEqual(commonLabels([]), {});
});

test('formatTimestamp() prints Go RFC3339 and RFC3339Nano', () => {
  assert.equal(formatTimestamp('1764756000123456789', true, false), '2025-12-03T10:00:00Z');
  assert.equal(formatTimestamp('1764756000123456789', true, true), '2025-12-03T10:00:00.123456789Z');
});
