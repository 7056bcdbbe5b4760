import type { Labels } from '../../core/index.js';
import type { StepWindows } from './step-windows.js';

/**
 * The samples of one output series of a range aggregation, as parallel
 * growable typed arrays (relative ns timestamps, values). Batches from
 * different streams may interleave; `sortByTime` restores time order once,
 * after loading, only when needed.
 */
export class SampleBuffer {
  readonly labels: Labels;
  readonly key: string;
  ts: Float64Array<ArrayBufferLike> = new Float64Array(64);
  values: Float64Array<ArrayBufferLike> = new Float64Array(64);
  length = 0;
  /** Sum of the values given to `addTotal` (single-window fast path). */
  total = 0;
  /** Per-step window counts and sums (count-like functions over a step grid), instead of samples. */
  windows: StepWindows | undefined;
  /** Start indexes of the ascending runs after the first (entries from different streams). */
  #runStarts: number[] = [];

  constructor(labels: Labels, key: string) {
    this.labels = labels;
    this.key = key;
  }

  push(relNs: number, value: number): void {
    const n = this.length;
    if (n === this.ts.length) this.#grow();
    if (n > 0 && relNs < (this.ts[n - 1] as number)) this.#runStarts.push(n);
    this.ts[n] = relNs;
    this.values[n] = value;
    this.length = n + 1;
  }

  /** Counts a sample without keeping it (when only count and sum are needed). */
  addTotal(value: number): void {
    this.length++;
    this.total += value;
  }

  /**
   * Stable sort by timestamp (equal timestamps keep load order): the buffer
   * is a concatenation of ascending runs (one per stream, typically), merged
   * pairwise, O(n log runs).
   */
  sortByTime(): void {
    if (this.#runStarts.length === 0) return;
    let bounds = [0, ...this.#runStarts, this.length];
    let ts = this.ts;
    let values = this.values;
    let nextTs: Float64Array<ArrayBufferLike> = new Float64Array(this.length);
    let nextValues: Float64Array<ArrayBufferLike> = new Float64Array(this.length);
    while (bounds.length > 2) {
      const merged = [0];
      for (let r = 0; r + 1 < bounds.length; r += 2) {
        const lo = bounds[r] as number;
        const mid = bounds[r + 1] as number;
        const hi = r + 2 < bounds.length ? (bounds[r + 2] as number) : mid;
        mergeRuns(ts, values, lo, mid, hi, nextTs, nextValues);
        merged.push(hi);
      }
      bounds = merged;
      [ts, nextTs] = [nextTs, ts];
      [values, nextValues] = [nextValues, values];
    }
    this.ts = ts;
    this.values = values;
    this.#runStarts = [];
  }

  #grow(): void {
    const ts = new Float64Array(this.ts.length * 2);
    ts.set(this.ts);
    this.ts = ts;
    const values = new Float64Array(this.values.length * 2);
    values.set(this.values);
    this.values = values;
  }
}

/** Merges the sorted ranges [lo, mid) and [mid, hi) of ts/values into out at lo (left wins ties). */
function mergeRuns(ts: Float64Array, values: Float64Array, lo: number, mid: number, hi: number, outTs: Float64Array, outValues: Float64Array): void {
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) {
    if ((ts[j] as number) < (ts[i] as number)) {
      outTs[k] = ts[j] as number;
      outValues[k++] = values[j++] as number;
    } else {
      outTs[k] = ts[i] as number;
      outValues[k++] = values[i++] as number;
    }
  }
  while (i < mid) {
    outTs[k] = ts[i] as number;
    outValues[k++] = values[i++] as number;
  }
  while (j < hi) {
    outTs[k] = ts[j] as number;
    outValues[k++] = values[j++] as number;
  }
}
