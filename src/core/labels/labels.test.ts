import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLabels, quoteGoString } from './labels.js';

test('formatLabels() sorts names and quotes values as Loki prints them', () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{}, '{}'],
    [{ job: 'sshd', host: 'h1' }, '{host="h1", job="sshd"}'],
    [{ a: 'say "hi"\n' }, '{a="say \\"hi\\"\\n"}'],
  ];
  for (const [labels, want] of cases) assert.equal(formatLabels(labels), want);
});

test('quoteGoString() escapes control characters as \\x and keeps printable Unicode', () => {
  assert.equal(quoteGoString('\u0001é'), '"\\x01é"');
});
