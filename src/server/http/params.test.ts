import { test } from 'node:test';
import assert from 'node:assert/strict';
import { determineBounds, parseInstantQuery, parseRangeQuery, parseTimestampNs } from './params.js';

const def = 42n;
const timestamps: { input: string; ns: bigint }[] = [
  { input: '', ns: def },
  { input: '1700000000', ns: 1700000000_000000000n },
  { input: '1700000000.1234567', ns: 1700000000_123000000n },
  { input: '1700000000.5', ns: 1700000000_500000000n },
  { input: '1700000000000000000', ns: 1700000000000000000n },
  // 13 characters: read as nanoseconds, faithfully (Loki does the same).
  { input: '1700000000000', ns: 1700000000000n },
  { input: '2024-01-02T03:04:05.123Z', ns: 1704164645_123000000n },
  { input: '2024-01-02T03:04:05+01:00', ns: 1704161045_000000000n },
  { input: '2024-01-02T03:04:05.000000001Z', ns: 1704164645_000000001n },
];

for (const c of timestamps) {
  test(`parseTimestampNs reads ${JSON.stringify(c.input)}`, () => {
    assert.equal(parseTimestampNs(c.input, def), c.ns);
  });
}

test('parseTimestampNs rejects text with the ParseInt error', () => {
  assert.throws(() => parseTimestampNs('x', def), { message: 'strconv.ParseInt: parsing "x": invalid syntax' });
  assert.throws(() => parseTimestampNs('2024-02-30T00:00:00Z', def), { message: 'strconv.ParseInt: parsing "2024-02-30T00:00:00Z": invalid syntax' });
});

const now = 1_700_000_000_000_000_000n;
const hour = 3_600_000_000_000n;

test('determineBounds defaults to [now-1h, now] and honours since', () => {
  assert.deepEqual(determineBounds(new URLSearchParams(), now), { startNs: now - hour, endNs: now });
  assert.deepEqual(determineBounds(new URLSearchParams('since=2h'), now), { startNs: now - 2n * hour, endNs: now });
  // start defaults relative to min(end, now)
  assert.deepEqual(determineBounds(new URLSearchParams(`end=${now + hour}`), now), { startNs: now - hour, endNs: now + hour });
});

const rangeErrors: { qs: string; message: string }[] = [
  { qs: 'start=x', message: `could not parse 'start' parameter: strconv.ParseInt: parsing "x": invalid syntax` },
  { qs: 'end=y', message: `could not parse 'end' parameter: strconv.ParseInt: parsing "y": invalid syntax` },
  { qs: 'since=5x', message: `could not parse 'since' parameter: unknown unit "x" in duration "5x"` },
  { qs: 'start=20&end=10', message: 'end timestamp must not be before or equal to start time' },
  { qs: 'limit=0', message: 'limit must be a positive value' },
  { qs: 'limit=abc', message: 'strconv.ParseInt: parsing "abc": invalid syntax' },
  { qs: 'direction=sideways', message: "invalid direction 'sideways'" },
  { qs: 'step=0', message: 'zero or negative query resolution step widths are not accepted. Try a positive integer' },
  { qs: 'step=-5s', message: 'cannot parse "-5s" to a valid duration' },
  { qs: 'step=abc', message: 'cannot parse "abc" to a valid duration' },
  { qs: 'start=0&end=100000&step=1', message: 'exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter' },
  { qs: 'interval=-1', message: 'interval must be >= 0' },
];

for (const c of rangeErrors) {
  test(`parseRangeQuery rejects ${c.qs} with Loki's text`, () => {
    assert.throws(() => parseRangeQuery(new URLSearchParams(c.qs), now), (err: unknown) => {
      assert.equal((err as Error).message, c.message);
      assert.equal((err as { code?: string }).code, 'ERR_QUERY_BAD_REQUEST');
      return true;
    });
  });
}

test('parseRangeQuery applies Loki defaults and step forms', () => {
  const p = parseRangeQuery(new URLSearchParams('query={a="b"}&start=0&end=1000'), now);
  assert.deepEqual(p, { query: '{a="b"}', startNs: 0n, endNs: 1000_000000000n, limit: 100, direction: 'backward', stepMs: 4000, intervalMs: 0 });
  assert.equal(parseRangeQuery(new URLSearchParams('step=60000ms'), now).stepMs, 60000);
  assert.equal(parseRangeQuery(new URLSearchParams('step=15'), now).stepMs, 15000);
  assert.equal(parseRangeQuery(new URLSearchParams('step=0.5'), now).stepMs, 500);
  assert.equal(parseRangeQuery(new URLSearchParams('direction=FORWARD'), now).direction, 'forward');
  // (end-start)/250 below one second: step is one second
  assert.equal(parseRangeQuery(new URLSearchParams('start=0&end=10'), now).stepMs, 1000);
});

test('parseInstantQuery defaults time to now', () => {
  assert.deepEqual(parseInstantQuery(new URLSearchParams('query=1%2B1'), now), { query: '1+1', timeNs: now, limit: 100, direction: 'backward' });
});
