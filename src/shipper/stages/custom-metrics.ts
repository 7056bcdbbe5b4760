/**
 * The series of the `metrics` stage: one counter, gauge or histogram per
 * label set the entries carry (promtail's metricVec), registered on the
 * shipper's prom-client Registry as a custom collector. Series idle for
 * `max_idle_duration` are dropped when scraped, as promtail does.
 *
 * Several stages (one per scrape job) may define the same metric name: they
 * share one family on the registry, each contributing its series.
 */
import type { Registry } from 'prom-client';
import { isLegacyLabelName } from './go-values.js';
import { createLabelsKeyCache, labelsKey } from './labels-key.js';

export type CustomMetricType = 'counter' | 'gauge' | 'histogram';

/** Prometheus's DefBuckets, used when a histogram lists none. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface CustomSeries {
  /** Key of the cleaned label set. */
  readonly key: string;
  readonly labels: Readonly<Record<string, string>>;
  value: number;
  lastModSec: number;
  /** Histogram only: per-bucket (non-cumulative) counts, sum, count. */
  readonly bucketCounts: number[];
  sum: number;
  count: number;
}

interface MetricValue {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

/** The label set a metric series gets: the entry's labels minus `__*` and invalid names, sorted as Go exposes them. */
function cleanLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels).sort()) {
    if (name.startsWith('__') || !isLegacyLabelName(name)) continue;
    out[name] = labels[name] as string;
  }
  return out;
}

export class CustomMetricVec {
  readonly type: CustomMetricType;
  readonly buckets: readonly number[];
  readonly #maxIdleSec: number;
  readonly #nowMs: () => number;
  readonly #series = new Map<string, CustomSeries>();
  /** Entry label key → series (entries usually carry the same label sets over and over). */
  readonly #byRawKey = new Map<string, CustomSeries>();
  readonly #keyOf = createLabelsKeyCache();

  constructor(type: CustomMetricType, options: { buckets?: readonly number[]; maxIdleSec: number; nowMs: () => number }) {
    this.type = type;
    this.buckets = options.buckets ?? DEFAULT_BUCKETS;
    this.#maxIdleSec = options.maxIdleSec;
    this.#nowMs = options.nowMs;
  }

  /** The series of a label set, created at zero; marks it modified now. */
  with(labels: Readonly<Record<string, string>>): CustomSeries {
    const rawKey = this.#keyOf(labels);
    let series = this.#byRawKey.get(rawKey);
    if (series === undefined || this.#series.get(series.key) !== series) {
      const clean = cleanLabels(labels);
      const key = labelsKey(clean);
      series = this.#series.get(key);
      if (series === undefined) {
        series = { key, labels: clean, value: 0, lastModSec: 0, bucketCounts: this.type === 'histogram' ? this.buckets.map(() => 0) : [], sum: 0, count: 0 };
        this.#series.set(key, series);
      }
      if (this.#byRawKey.size >= 10000) this.#byRawKey.clear();
      this.#byRawKey.set(rawKey, series);
    }
    series.lastModSec = Math.floor(this.#nowMs() / 1000);
    return series;
  }

  observe(series: CustomSeries, value: number): void {
    series.sum += value;
    series.count++;
    for (let i = 0; i < this.buckets.length; i++) {
      if (value <= (this.buckets[i] as number)) {
        (series.bucketCounts as number[])[i] = (series.bucketCounts[i] as number) + 1;
        break;
      }
    }
  }

  /** Drops idle series, then returns the rest in prom-client's value form. */
  collect(name: string): MetricValue[] {
    const nowSec = Math.floor(this.#nowMs() / 1000);
    const values: MetricValue[] = [];
    for (const [key, series] of this.#series) {
      if (nowSec - series.lastModSec >= this.#maxIdleSec) {
        this.#series.delete(key);
        continue;
      }
      if (this.type !== 'histogram') {
        values.push({ value: series.value, labels: { ...series.labels } });
        continue;
      }
      let cumulative = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        cumulative += series.bucketCounts[i] as number;
        values.push({ metricName: `${name}_bucket`, value: cumulative, labels: { ...series.labels, le: this.buckets[i] as number } });
      }
      values.push({ metricName: `${name}_bucket`, value: series.count, labels: { ...series.labels, le: '+Inf' } });
      values.push({ metricName: `${name}_sum`, value: series.sum, labels: { ...series.labels } });
      values.push({ metricName: `${name}_count`, value: series.count, labels: { ...series.labels } });
    }
    return values;
  }

  deleteAll(): void {
    this.#series.clear();
    this.#byRawKey.clear();
  }
}

const familyBrand = Symbol('watchpost.customMetricFamily');

interface CustomMetricFamily {
  readonly [familyBrand]: true;
  readonly name: string;
  readonly help: string;
  readonly type: CustomMetricType;
  readonly aggregator: 'sum';
  readonly vecs: Set<CustomMetricVec>;
  get(): Promise<{ name: string; help: string; type: CustomMetricType; aggregator: 'sum'; values: MetricValue[] }>;
  reset(): void;
}

/**
 * Adds `vec` to the family `name` on `registry` (creating and registering
 * it). Returns a function that removes the vec again. Throws when the name is
 * taken by another metric or by a family of another type.
 */
export function registerCustomMetric(registry: Registry, name: string, help: string, vec: CustomMetricVec): () => void {
  const existing = registry.getSingleMetric(name) as unknown as CustomMetricFamily | undefined;
  let family: CustomMetricFamily;
  if (existing !== undefined) {
    if (existing[familyBrand] !== true || existing.type !== vec.type) {
      throw new Error(`a metric named ${name} is already registered with another type`);
    }
    family = existing;
  } else {
    const vecs = new Set<CustomMetricVec>();
    family = {
      [familyBrand]: true,
      name,
      help,
      type: vec.type,
      aggregator: 'sum',
      vecs,
      get: () => Promise.resolve({ name, help, type: vec.type, aggregator: 'sum' as const, values: [...vecs].flatMap((v) => v.collect(name)) }),
      reset: () => {
        for (const v of vecs) v.deleteAll();
      },
    };
    registry.registerMetric(family as never);
  }
  family.vecs.add(vec);
  return () => {
    family.vecs.delete(vec);
    vec.deleteAll();
    if (family.vecs.size === 0 && registry.getSingleMetric(name) === (family as never)) registry.removeSingleMetric(name);
  };
}
