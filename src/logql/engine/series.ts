import type { Labels } from '../../core/index.js';

/**
 * The evaluator's working representation of a metric value over every step
 * of a query: one entry per series with a value slot per step. A series'
 * labels are fixed for the whole query, so label work (grouping, matching
 * signatures) is done once per series, not once per step.
 */
export interface StepSeries {
  readonly labels: Labels;
  readonly key: string;
  /** Value at step i (meaningful only where present[i] === 1). */
  readonly values: Float64Array;
  readonly present: Uint8Array;
}

/** What a metric sub-expression evaluates to. */
export type StepValue =
  | { readonly kind: 'matrix'; readonly series: readonly StepSeries[] }
  | { readonly kind: 'scalar'; readonly value: number };

/**
 * The evaluation steps. Times are nanoseconds relative to `baseNs` (as
 * numbers: exact for spans up to ~104 days), so hot loops avoid bigint.
 */
export interface StepGrid {
  readonly count: number;
  readonly baseNs: bigint;
  /** Step i's time, ns relative to baseNs. */
  readonly relNs: Float64Array;
  /** Step i's output timestamp in ms (Loki truncates ns to ms). */
  readonly tsMs: Float64Array;
}

export function createStepSeries(labels: Labels, key: string, steps: number): StepSeries {
  return { labels, key, values: new Float64Array(steps), present: new Uint8Array(steps) };
}

/**
 * The points a filter keeps of its input series (set operators, topk and
 * bottomk): `keep(source, i)` copies step i of `source` into the output series
 * of that source, created empty on first use with the source's labels;
 * `series()` lists the outputs in the order their sources were first kept.
 */
export interface StepSelection {
  keep(source: StepSeries, i: number): void;
  series(): StepSeries[];
}

export function createStepSelection(steps: number): StepSelection {
  const outputs = new Map<StepSeries, StepSeries>();
  return {
    keep(source, i) {
      let out = outputs.get(source);
      if (out === undefined) {
        out = createStepSeries(source.labels, source.key, steps);
        outputs.set(source, out);
      }
      out.present[i] = 1;
      out.values[i] = source.values[i] as number;
    },
    series: () => [...outputs.values()],
  };
}

/** Whether the series has a value at any step. */
export function hasAnyPoint(series: StepSeries): boolean {
  return series.present.includes(1);
}

/**
 * Builds the grid for an instant query (one step at `startNs`) or a range
 * query (`start + i·step` while `<= end`).
 */
export function createStepGrid(startNs: bigint, endNs: bigint, stepNs: bigint): StepGrid {
  const count = stepNs > 0n && endNs >= startNs ? Number((endNs - startNs) / stepNs) + 1 : 1;
  const relNs = new Float64Array(count);
  const tsMs = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const t = startNs + BigInt(i) * stepNs;
    relNs[i] = Number(t - startNs);
    tsMs[i] = Number(t / 1_000_000n);
  }
  return { count, baseNs: startNs, relNs, tsMs };
}
