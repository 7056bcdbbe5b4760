import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeQueryData } from './encode-query-data.js';
import type { QueryResult } from './types.js';

const cases: readonly { name: string; result: QueryResult; want: unknown }[] = [
  {
    name: 'streams: ts as string, labels sorted',
    result: { resultType: 'streams', streams: [{ labels: { b: '2', a: '1' }, key: '{a="1", b="2"}', entries: [{ tsNs: 1700000000000000001n, line: 'x<y' }] }] },
    want: [{ stream: { a: '1', b: '2' }, values: [['1700000000000000001', 'x<y']] }],
  },
  {
    name: 'vector: seconds as number, value as Go float text',
    result: { resultType: 'vector', samples: [{ labels: { level: 'warn' }, key: '{level="warn"}', tsMs: 1588889221123, value: 37.77 }] },
    want: [{ metric: { level: 'warn' }, value: [1588889221.123, '37.77'] }],
  },
  {
    name: 'matrix: NaN and Inf spellings',
    result: { resultType: 'matrix', series: [{ labels: {}, key: '{}', points: [{ tsMs: 1000, value: NaN }, { tsMs: 2000, value: -Infinity }] }] },
    want: [{ metric: {}, values: [[1, 'NaN'], [2, '-Inf']] }],
  },
  { name: 'scalar', result: { resultType: 'scalar', tsMs: 1500, value: 2 }, want: [1.5, '2'] },
];

for (const c of cases) {
  test(`encodeQueryData: ${c.name}`, () => {
    const data = encodeQueryData(c.result);
    assert.equal(data.resultType, c.result.resultType);
    assert.deepEqual(data.result, c.want);
  });
}

test('encodeQueryData: stats has the keys Grafana reads', () => {
  const stats = encodeQueryData({ resultType: 'scalar', tsMs: 0, value: 0 }).stats as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(stats), ['summary', 'querier', 'ingester', 'cache', 'index']);
  for (const key of ['bytesProcessedPerSecond', 'linesProcessedPerSecond', 'totalBytesProcessed', 'totalLinesProcessed', 'execTime', 'queueTime', 'totalEntriesReturned']) {
    assert.equal(typeof stats.summary?.[key], 'number', key);
  }
});
