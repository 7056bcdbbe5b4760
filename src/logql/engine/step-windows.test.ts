import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStepGrid } from './series.js';
import { createStepWindows, createWindowAdder } from './step-windows.js';

/** Windows are `(end - range, end]` with `end = step time - offset`: compare with a brute-force count. */
const cases = [
  { name: 'range = step', steps: 10, stepNs: 60, rangeNs: 60, offsetNs: 0 },
  { name: 'range 5 steps', steps: 10, stepNs: 60, rangeNs: 300, offsetNs: 0 },
  { name: 'range shorter than step (gaps)', steps: 10, stepNs: 60, rangeNs: 25, offsetNs: 0 },
  { name: 'range not a multiple of step', steps: 12, stepNs: 7, rangeNs: 19, offsetNs: 0 },
  { name: 'offset', steps: 10, stepNs: 60, rangeNs: 120, offsetNs: 90 },
  { name: 'negative offset', steps: 10, stepNs: 60, rangeNs: 120, offsetNs: -30 },
];

for (const c of cases) {
  test(`createWindowAdder adds a sample to exactly the windows that hold it: ${c.name}`, () => {
    const grid = createStepGrid(1000n, 1000n + BigInt(c.stepNs * (c.steps - 1)), BigInt(c.stepNs));
    const add = createWindowAdder(grid, c.rangeNs, c.offsetNs);
    const w = createStepWindows(grid.count);
    const want = new Float64Array(grid.count);
    const wantSums = new Float64Array(grid.count);
    // Every integer time around the grid, window edges included.
    for (let t = -c.rangeNs - Math.abs(c.offsetNs) - 3; t <= c.stepNs * c.steps + Math.abs(c.offsetNs) + 3; t++) {
      add(w, t, t & 7);
      for (let i = 0; i < grid.count; i++) {
        const end = (grid.relNs[i] as number) - c.offsetNs;
        if (t > end - c.rangeNs && t <= end) {
          want[i] = (want[i] as number) + 1;
          wantSums[i] = (wantSums[i] as number) + (t & 7);
        }
      }
    }
    assert.deepEqual([...w.counts], [...want]);
    assert.deepEqual([...w.sums], [...wantSums]);
  });
}
