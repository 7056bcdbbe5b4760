import type { RangeAggregation } from '../syntax/ast.js';
import type { StepGrid } from './series.js';

/**
 * Count-like range functions (count_over_time, rate without unwrap,
 * bytes_over_time, bytes_rate) need only each window's sample count and
 * integer sum: every sample is added straight to the windows that contain it
 * (range/step of them), with no per-sample buffering or sorting. Integer sums
 * below 2^53 are exact in any order, so results equal the sliding window's.
 */
export type WindowValue = (count: number, sum: number) => number;

export function selectWindowValue(node: RangeAggregation): WindowValue | undefined {
  const rangeSeconds = node.range.rangeNs / 1e9;
  switch (node.op) {
    case 'count_over_time':
      return (count) => count;
    case 'rate':
      return node.range.unwrap === undefined ? (count) => count / rangeSeconds : undefined;
    case 'bytes_over_time':
      return (_count, sum) => sum;
    case 'bytes_rate':
      return (_count, sum) => sum / rangeSeconds;
    default:
      return undefined;
  }
}

/** Per-step window counts and sums of one output series. */
export interface StepWindows {
  readonly counts: Float64Array;
  readonly sums: Float64Array;
}

export function createStepWindows(steps: number): StepWindows {
  return { counts: new Float64Array(steps), sums: new Float64Array(steps) };
}

/**
 * Returns `add(windows, relNs, value)`: adds a sample at `relNs` (ns relative
 * to the grid's base) to every step i whose window `(end - range, end]`,
 * `end = relNs[i] - offset`, contains it. Exact: the first step is estimated
 * by division, then settled by integer comparisons.
 */
export function createWindowAdder(grid: StepGrid, rangeNs: number, offsetNs: number): (w: StepWindows, relNs: number, value: number) => void {
  const rel = grid.relNs;
  const count = grid.count;
  const stepNs = count > 1 ? (rel[1] as number) - (rel[0] as number) : 1;
  return (w, t, value) => {
    let i = Math.ceil((t + offsetNs - (rel[0] as number)) / stepNs);
    if (i < 0) i = 0;
    if (i > count) i = count;
    while (i > 0 && (rel[i - 1] as number) - offsetNs >= t) i--;
    while (i < count && (rel[i] as number) - offsetNs < t) i++;
    const counts = w.counts;
    const sums = w.sums;
    for (; i < count && (rel[i] as number) - offsetNs - rangeNs < t; i++) {
      counts[i] = (counts[i] as number) + 1;
      sums[i] = (sums[i] as number) + value;
    }
  };
}
