import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WriteLog } from './write-log.js';

test('WriteLog reports the oldest timestamp written after a version', () => {
  const log = new WriteLog(4);
  const v0 = log.version;
  assert.equal(log.oldestSince(v0), undefined);
  log.record(50n);
  log.record(20n);
  const v2 = log.version;
  log.record(70n);
  assert.equal(log.oldestSince(v0), 20n);
  assert.equal(log.oldestSince(v2), 70n);
  assert.equal(log.oldestSince(log.version), undefined);
});

test('WriteLog answers "everything" after an invalidation or for versions it no longer holds', () => {
  const log = new WriteLog(3);
  const v0 = log.version;
  log.record(10n);
  const v1 = log.version;
  log.invalidate();
  assert.equal(log.oldestSince(v1), WriteLog.everything);
  const v2 = log.version;
  log.record(5n);
  log.record(6n);
  log.record(7n);
  assert.equal(log.oldestSince(v2), 5n, 'three records still held');
  assert.equal(log.oldestSince(v0), WriteLog.everything, 'five records ago is past the capacity');
});
