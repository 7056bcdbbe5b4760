import type { Labels } from '../../core/index.js';
import type { SampleExtractor } from '../pipeline/types.js';
import type { Grouping } from '../syntax/ast.js';

/**
 * Samples extracted by range aggregations, kept between instant evaluations
 * so that a rule evaluated every few seconds over a window of minutes reads
 * only what was written since its last evaluation (see cached-range.ts).
 * One entry per tenant and extractor (selector, pipeline, unwrap, grouping):
 * rules that differ only in range, function or threshold share it.
 *
 * Bounded: at most `maxSamples` samples in all (least recently used entries
 * go first), and an entry unused for `maxIdleMs` is dropped.
 */
export interface SampleCacheOptions {
  /** Default 8,000,000 (16 bytes each: ~128 MB). */
  readonly maxSamples?: number | undefined;
  /** Default 5 minutes. */
  readonly maxIdleMs?: number | undefined;
  /** Clock for idleness (tests); default performance.now. */
  readonly nowMs?: (() => number) | undefined;
}

/** One output series' samples: ascending `ts` (ns relative to the entry's base), values. */
export interface CachedSeries {
  readonly labels: Labels;
  readonly key: string;
  ts: Float64Array;
  values: Float64Array;
  length: number;
}

export interface CacheEntry {
  readonly key: string;
  /** Timestamps are held as ns after this (Float64 is exact for ~104 days of offsets). */
  readonly baseNs: bigint;
  readonly extractor: SampleExtractor;
  /** The grouping `extractor` was compiled with. */
  readonly outerGrouping: Grouping | undefined;
  /** Every sample with fromNs <= ts < toNs as of the querier's write `version`. */
  fromNs: bigint;
  toNs: bigint;
  version: number;
  readonly series: Map<string, CachedSeries>;
  /** The widest look-back (range + offset, ns) evaluated through the entry; older samples are dropped. */
  lookbackNs: bigint;
  lastUsedMs: number;
  /** Set while an evaluation updates the entry: others wait for it. */
  busy: Promise<void> | undefined;
}

export class SampleCache {
  readonly #maxSamples: number;
  readonly #maxIdleMs: number;
  readonly #now: () => number;
  /** In least-recently-used-first order (re-inserted on use). */
  readonly #entries = new Map<string, CacheEntry>();

  constructor(options: SampleCacheOptions = {}) {
    this.#maxSamples = options.maxSamples ?? 8_000_000;
    this.#maxIdleMs = options.maxIdleMs ?? 5 * 60_000;
    this.#now = options.nowMs ?? (() => performance.now());
  }

  /** Entries held (tests). */
  get size(): number {
    return this.#entries.size;
  }

  get(key: string): CacheEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#now() - entry.lastUsedMs > this.#maxIdleMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** A new empty entry for `key` (replacing any), holding nothing yet: fromNs = toNs = baseNs. */
  create(key: string, baseNs: bigint, compiled: { readonly extractor: SampleExtractor; readonly outerGrouping: Grouping | undefined }, version: number): CacheEntry {
    const entry: CacheEntry = {
      key,
      baseNs,
      extractor: compiled.extractor,
      outerGrouping: compiled.outerGrouping,
      fromNs: baseNs,
      toNs: baseNs,
      version,
      series: new Map(),
      lookbackNs: 0n,
      lastUsedMs: this.#now(),
      busy: undefined,
    };
    this.#entries.set(key, entry);
    return entry;
  }

  delete(entry: CacheEntry): void {
    if (this.#entries.get(entry.key) === entry) this.#entries.delete(entry.key);
  }

  /** Marks `entry` used and enforces the bounds (idle entries, then the least recently used over budget). */
  touch(entry: CacheEntry): void {
    const now = this.#now();
    entry.lastUsedMs = now;
    if (this.#entries.get(entry.key) === entry) {
      this.#entries.delete(entry.key);
      this.#entries.set(entry.key, entry);
    }
    let total = 0;
    for (const [key, e] of this.#entries) {
      if (e !== entry && e.busy === undefined && now - e.lastUsedMs > this.#maxIdleMs) this.#entries.delete(key);
      else total += entrySamples(e);
    }
    for (const [key, e] of this.#entries) {
      if (total <= this.#maxSamples) break;
      if (e.busy !== undefined) continue;
      total -= entrySamples(e);
      this.#entries.delete(key);
    }
  }
}

function entrySamples(entry: CacheEntry): number {
  let n = 0;
  for (const s of entry.series.values()) n += s.length;
  return n;
}
