import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeWalRecords, encodeWalRecord, type WalRecord } from './wal-record.js';

const record: WalRecord = {
  seq: 42,
  tenant: 'team-a',
  streams: [
    { labels: { app: 'api', env: 'prod' }, entries: [{ tsNs: 1700000000000000001n, line: 'hello' }, { tsNs: -5n, line: 'ünïcödé ✓', metadata: { trace_id: 'abc', empty: '' } }] },
    { labels: {}, entries: [{ tsNs: 0n, line: '' }] },
  ],
};

test('encodeWalRecord/decodeWalRecords round-trip every field', () => {
  const buf = Buffer.concat([encodeWalRecord(record), encodeWalRecord({ ...record, seq: 43 })]);
  const decoded = decodeWalRecords(buf, 0);
  assert.equal(decoded.torn, false);
  assert.equal(decoded.validBytes, buf.length);
  assert.deepEqual(decoded.records, [record, { ...record, seq: 43 }]);
});

test('decodeWalRecords stops at a damaged or torn record and reports the last good offset', () => {
  const one = encodeWalRecord(record);
  const two = encodeWalRecord({ ...record, seq: 43 });
  const whole = Buffer.concat([one, two]);
  const flipped = Buffer.from(whole);
  flipped[one.length + 20] = (flipped[one.length + 20] as number) ^ 0xff;
  const zeroLength = Buffer.concat([one, Buffer.alloc(16)]);
  const cases = [
    { name: 'cut inside the header', buf: whole.subarray(0, one.length + 5) },
    { name: 'cut inside the payload', buf: whole.subarray(0, whole.length - 1) },
    { name: 'flipped payload byte', buf: flipped },
    { name: 'zero-filled tail', buf: zeroLength },
  ];
  for (const c of cases) {
    const decoded = decodeWalRecords(c.buf, 0);
    assert.equal(decoded.torn, true, c.name);
    assert.equal(decoded.validBytes, one.length, c.name);
    assert.deepEqual(decoded.records, [record], c.name);
  }
});
