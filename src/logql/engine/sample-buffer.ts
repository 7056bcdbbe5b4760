import type { Labels } from '../../core/index.js';

/**
 * The samples of one output series of a range aggregation, as parallel
 * growable typed arrays (relative ns timestamps, values). Batches from
 * different streams may interleave; `sortByTime` restores time order once,
 * after loading, only when needed.
 */
export class SampleBuffer {
  readonly labels: Labels;
  readonly key: string;
  ts: Float64Array = new Float64Array(64);
  values: Float64Array = new Float64Array(64);
  length = 0;
  #sorted = true;

  constructor(labels: Labels, key: string) {
    this.labels = labels;
    this.key = key;
  }

  push(relNs: number, value: number): void {
    const n = this.length;
    if (n === this.ts.length) this.#grow();
    if (n > 0 && relNs < (this.ts[n - 1] as number)) this.#sorted = false;
    this.ts[n] = relNs;
    this.values[n] = value;
    this.length = n + 1;
  }

  /** Stable sort by timestamp (entries with equal timestamps keep load order). */
  sortByTime(): void {
    if (this.#sorted) return;
    const n = this.length;
    const order = Array.from({ length: n }, (_, i) => i);
    const ts = this.ts;
    order.sort((a, b) => (ts[a] as number) - (ts[b] as number) || a - b);
    const nextTs = new Float64Array(n);
    const nextValues = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = order[i] as number;
      nextTs[i] = ts[j] as number;
      nextValues[i] = this.values[j] as number;
    }
    this.ts = nextTs;
    this.values = nextValues;
    this.#sorted = true;
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
