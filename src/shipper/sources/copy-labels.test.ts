import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyLabels } from './copy-labels.js';

test('copyLabels returns an equal label set that stages may extend without touching the target labels', () => {
  const target: Readonly<Record<string, string>> = Object.freeze({ job: 'osquery', filename: '/var/log/a.log' });
  const copy: Record<string, string> = copyLabels(target);
  assert.deepEqual(copy, target);
  assert.notEqual(copy, target);
  copy.name = 'x';
  copy.job = 'changed';
  assert.deepEqual(target, { job: 'osquery', filename: '/var/log/a.log' });
  assert.deepEqual(Object.keys(copy), ['job', 'filename', 'name']);
});
