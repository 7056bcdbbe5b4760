import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, runStageCase, type StageCase } from './testdata/stage-test-kit.js';
import { createTimestampStageFrom } from './timestamp.js';
import type { PipelineEntry } from './types.js';

const S = 1_000_000_000n;
const scrape = 42n;

const cases: StageCase[] = [
  ...(
    [
      ['Unix', '1562708916', 1562708916n * S],
      ['Unix', '1562708916.000000123', 1562708916000000123n],
      ['UnixMs', '1562708916414', 1562708916414000000n],
      ['UnixUs', '1562708916414123', 1562708916414123000n],
      ['UnixNs', '1562708916000000123', 1562708916000000123n],
      ['RFC3339', '2019-07-09T21:48:36+02:00', 1562701716n * S],
      ['RFC3339Nano', '2019-07-09T21:48:36.123456789Z', 1562708916123456789n],
      ['RFC1123Z', 'Tue, 09 Jul 2019 21:48:36 +0000', 1562708916n * S],
      ['ANSIC', 'Tue Jul  9 21:48:36 2019', 1562708916n * S],
      ['2006-01-02 15:04:05.000', '2019-07-09 21:48:36.414', 1562708916414000000n],
    ] as const
  ).map(
    ([format, value, want]): StageCase => ({
      name: `timestamp: format ${format}`,
      stages: `
- json: {expressions: {ts: }}
- timestamp: {source: ts, format: '${format}'}`,
      lines: [JSON.stringify({ ts: value })],
      tsNs: scrape,
      want: [{ tsNs: want }],
    }),
  ),
  {
    name: 'timestamp: a JSON number is read as Go formats it',
    stages: `
- json: {expressions: {ts: }}
- timestamp: {source: ts, format: Unix}`,
    lines: ['{"ts":1562708916}', '{"ts":1.5627089165e9}'],
    want: [{ tsNs: 1562708916n * S }, { tsNs: 1562708916500000000n }],
  },
  {
    name: 'timestamp: a time past int64 nanoseconds is a failure (fudged)',
    stages: `
- json: {expressions: {ts: }}
- timestamp: {source: ts, format: Unix}`,
    lines: ['{"ts":100}', '{"ts":99999999999}', '{"ts":99999999999}', '{"ts":"99999999999"}', '{"ts":100}', '{"ts":100}', '{"ts":101}'],
    want: [{ tsNs: 100n * S }, { tsNs: 100n * S + 1n }, { tsNs: 100n * S + 2n }, { tsNs: 100n * S + 3n }, { tsNs: 100n * S }, { tsNs: 100n * S }, { tsNs: 101n * S }],
  },
  {
    name: 'timestamp: fallback_formats are tried in order',
    stages: `
- json: {expressions: {ts: }}
- timestamp: {source: ts, format: RFC3339, fallback_formats: [UnixMs, '02/01/2006']}`,
    lines: ['{"ts":"1562708916414"}', '{"ts":"09/07/2019"}'],
    want: [{ tsNs: 1562708916414000000n }, { tsNs: 1562630400n * S }],
  },
  {
    name: 'timestamp: location applies to zone-less layouts',
    stages: `
- json: {expressions: {ts: }}
- timestamp: {source: ts, format: '2006-01-02 15:04:05', location: America/New_York}`,
    lines: ['{"ts":"2019-07-09 17:48:36"}'],
    want: [{ tsNs: 1562708916n * S }],
  },
  {
    name: 'timestamp: a layout without a year takes the current year',
    stages: `
- json: {expressions: {ts: }}
- timestamp: {source: ts, format: 'Jan _2 15:04:05'}`,
    lines: ['{"ts":"Jul  9 21:48:36"}', '{"ts":"Jan  2 00:00:00"}'],
    // The test clock is 2026-12-03: a January stamp belongs to next year.
    want: [{ tsNs: BigInt(Date.UTC(2026, 6, 9, 21, 48, 36) / 1000) * S }, { tsNs: BigInt(Date.UTC(2027, 0, 2) / 1000) * S }],
  },
  {
    name: 'timestamp: fudge moves 1ns past the last good time of the same labels',
    stages: `
- json: {expressions: {ts: }}
- timestamp: {source: ts, format: Unix}`,
    lines: ['{"ts":"bad"}', '{"ts":"1562708916"}', '{"ts":"bad"}', '{}', '{"ts":null}'],
    tsNs: scrape,
    want: [{ tsNs: scrape }, { tsNs: 1562708916n * S }, { tsNs: 1562708916n * S + 1n }, { tsNs: 1562708916n * S + 2n }, { tsNs: 1562708916n * S + 3n }],
  },
  {
    name: 'timestamp: skip keeps the scrape time',
    stages: `
- json: {expressions: {ts: }}
- timestamp: {source: ts, format: Unix, action_on_failure: skip}`,
    lines: ['{"ts":"1562708916"}', '{"ts":"bad"}'],
    tsNs: scrape,
    want: [{ tsNs: 1562708916n * S }, { tsNs: scrape }],
  },
];

for (const c of cases) {
  test(c.name, async () => {
    const { actual, expected } = await runStageCase(c, createTestContext());
    assert.deepEqual(actual, expected);
  });
}

test('timestamp: fudge is per label set', async () => {
  const { actual, expected } = await runStageCase({
    name: 'fudge per labels',
    stages: `
- json: {expressions: {ts: , app: }}
- labels: {app: }
- timestamp: {source: ts, format: Unix}`,
    lines: ['{"app":"a","ts":"100"}', '{"app":"b","ts":"bad"}', '{"app":"a","ts":"bad"}'],
    tsNs: scrape,
    want: [{ tsNs: 100n * S }, { tsNs: scrape }, { tsNs: 100n * S + 1n }],
  });
  assert.deepEqual(actual, expected);
});

/** Runs one entry with `app` label and extracted `ts` through the stage; returns its time. */
function stampOf(stage: ReturnType<typeof createTimestampStageFrom>, app: string, ts: string): bigint {
  const out: PipelineEntry[] = [];
  stage.process({ labels: { app }, extracted: { ts }, tsNs: scrape, line: '', source: { seq: 0 } }, out);
  return (out[0] as PipelineEntry).tsNs;
}

test('timestamp: fudge follows each label set when streams interleave', () => {
  const stage = createTimestampStageFrom({ source: 'ts', format: 'Unix' }, () => 0);
  const runs: Array<[string, string, bigint]> = [
    ['a', '100', 100n * S],
    ['a', 'bad', 100n * S + 1n],
    ['b', '200', 200n * S],
    ['a', 'bad', 100n * S + 2n],
    ['b', 'bad', 200n * S + 1n],
    ['b', 'bad', 200n * S + 2n],
    ['a', '300', 300n * S],
    ['b', 'bad', 200n * S + 3n],
    ['a', 'bad', 300n * S + 1n],
    ['c', 'bad', scrape],
  ];
  for (const [app, ts, want] of runs) assert.equal(stampOf(stage, app, ts), want, `${app} ${ts}`);
});

test('timestamp: the last good times are bounded at 10000 label sets, the oldest inserted going first', () => {
  const stage = createTimestampStageFrom({ source: 'ts', format: 'Unix' }, () => 0);
  stampOf(stage, 's0', '1');
  stampOf(stage, 's0', '2'); // updating a label set does not make it newer
  for (let i = 1; i < 10000; i++) stampOf(stage, `s${i}`, '5');
  assert.equal(stampOf(stage, 's0', 'bad'), 2n * S + 1n, 'still known at 10000 label sets');
  stampOf(stage, 's10000', '7');
  assert.equal(stampOf(stage, 's0', 'bad'), scrape, 's0 was evicted');
  assert.equal(stampOf(stage, 's1', 'bad'), 5n * S + 1n);
  assert.equal(stampOf(stage, 's10000', 'bad'), 7n * S + 1n);
});
