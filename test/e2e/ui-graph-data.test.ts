// The web UI's graph data helpers (src/web/components/graph-data.ts), run in
// Node: series aligned on one time axis, stacked bars, the x range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignSeries, spanOf, stackColumns } from '../../src/web/components/graph-data.js';

test('alignSeries: the union of timestamps, sorted; a series without a point there gets null', () => {
  const { times, columns } = alignSeries([
    { label: 'a', points: [[20, 2], [10, 1]] },
    { label: 'b', points: [[30, 3], [10, 5]] },
  ]);
  assert.deepEqual(times, [10, 20, 30]);
  assert.deepEqual(columns, [
    [1, 2, null],
    [5, null, 3],
  ]);
});

test('stackColumns: each series is the running total of those before it; gaps stay gaps', () => {
  assert.deepEqual(
    stackColumns([
      [1, 2, null],
      [5, null, 3],
      [1, 1, 1],
    ]),
    [
      [1, 2, null],
      [6, null, 3],
      [7, 3, 4],
    ],
  );
});

const spanCases: Array<{ name: string; times: number[]; options: Parameters<typeof spanOf>[1]; want: [number, number] | undefined }> = [
  { name: 'no queried range: uPlot picks one', times: [1, 2], options: {}, want: undefined },
  { name: 'lines span the queried range', times: [120, 180], options: { startSec: 100, endSec: 200 }, want: [100, 200] },
  { name: 'a last point past the end (Loki aligns the end up to a step) widens it', times: [120, 240], options: { startSec: 100, endSec: 200 }, want: [100, 240] },
  { name: 'bars get half a step on each side', times: [120, 180, 240], options: { startSec: 100, endSec: 200, bars: true }, want: [70, 270] },
  { name: 'no points: the queried range', times: [], options: { startSec: 100, endSec: 200, bars: true }, want: [100, 200] },
];
for (const c of spanCases) {
  test(`spanOf: ${c.name}`, () => assert.deepEqual(spanOf(c.times, c.options), c.want));
}
