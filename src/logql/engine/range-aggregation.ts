import type { Grouping, RangeAggregation } from '../syntax/ast.js';
import { absentSeries } from './absent-series.js';
import { evaluateCachedRange } from './cached-range.js';
import type { EvalContext } from './eval-context.js';
import { checkQueryRange } from './limits.js';
import { loadSamples, type LoadMode } from './load-samples.js';
import { createPipelineError, hasPipelineError } from './pipeline-error.js';
import { selectRangeFunction } from './range-functions.js';
import type { SampleBuffer } from './sample-buffer.js';
import { createStepSeries, type StepSeries } from './series.js';
import { createWindowAdder, selectWindowValue, type StepWindows, type WindowValue } from './step-windows.js';

/**
 * Evaluates a range aggregation at every step of the grid in one pass over
 * the data: samples are loaded once per output series, then each series'
 * window `(t - range - offset, t - offset]` slides over its sorted timestamps
 * (two monotonic cursors), so no entry is scanned once per step.
 */
export async function evaluateRangeAggregation(node: RangeAggregation, ctx: EvalContext, outerGrouping?: Grouping): Promise<StepSeries[]> {
  // In label order, whichever way the samples were read (full or incremental): ties in topk/bottomk
  // and sort then resolve alike (Loki leaves them to map order).
  const series = await evaluateUnordered(node, ctx, outerGrouping);
  return series.length > 1 ? series.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) : series;
}

async function evaluateUnordered(node: RangeAggregation, ctx: EvalContext, outerGrouping: Grouping | undefined): Promise<StepSeries[]> {
  const { rangeNs, offsetNs } = node.range;
  checkQueryRange(rangeNs, ctx.limits);
  const grid = ctx.grid;
  const totals = grid.count === 1 ? selectWindowValue(node) : undefined;
  const windowValue = totals === undefined ? selectWindowValue(node) : undefined;
  const mode: LoadMode =
    totals !== undefined ? { kind: 'totals' } : windowValue !== undefined ? { kind: 'windows', add: createWindowAdder(grid, rangeNs, offsetNs) } : { kind: 'samples' };
  if (ctx.sampleCache !== undefined && grid.count === 1) {
    const cached = await evaluateCachedRange(node, ctx, outerGrouping, ctx.sampleCache);
    if (cached !== undefined) return cached;
  }
  const firstEndNs = grid.baseNs + BigInt((grid.relNs[0] as number) - offsetNs);
  const lastEndNs = grid.baseNs + BigInt((grid.relNs[grid.count - 1] as number) - offsetNs);
  const buffers = await loadSamples(node, ctx, {
    extractor: ctx.compiler.compileSampleExtractor(node, outerGrouping === undefined ? undefined : { outerGrouping }),
    outerGrouping,
    startNs: firstEndNs - BigInt(rangeNs) + 1n,
    endNs: lastEndNs + 1n,
    baseNs: grid.baseNs,
    mode,
  });
  if (totals !== undefined) return totalsToSeries(buffers, totals);
  if (windowValue !== undefined) return windowsToSeries(buffers, windowValue, grid.count);
  const fn = selectRangeFunction(node);
  const out: StepSeries[] = [];
  const anyPresent = node.op === 'absent_over_time' ? new Uint8Array(grid.count) : undefined;
  for (const buffer of buffers) {
    buffer.sortByTime();
    const series = createStepSeries(buffer.labels, buffer.key, grid.count);
    const ts = buffer.ts;
    const n = buffer.length;
    let lo = 0;
    let hi = 0;
    let seen = false;
    for (let i = 0; i < grid.count; i++) {
      const end = (grid.relNs[i] as number) - offsetNs;
      const start = end - rangeNs;
      while (lo < n && (ts[lo] as number) <= start) lo++;
      if (hi < lo) hi = lo;
      while (hi < n && (ts[hi] as number) <= end) hi++;
      if (hi > lo) {
        seen = true;
        series.present[i] = 1;
        series.values[i] = fn(ts, buffer.values, lo, hi, end);
        if (anyPresent) anyPresent[i] = 1;
      }
    }
    if (!seen) continue;
    if (hasPipelineError(buffer.labels)) throw createPipelineError(buffer.labels);
    out.push(series);
  }
  if (anyPresent) return [absentSeries(node, anyPresent, grid.count)];
  return out;
}

/**
 * Grouping injection: an enclosing vector aggregation's grouping pushed into
 * the extractor, so labels are reduced while entries are read (same answer,
 * far fewer series). Loki does it for `sum by (…)` over a count/bytes/rate/sum
 * range aggregation without its own grouping; Watchpost also for `max by (…)`
 * over max_over_time and `min by (…)` over min_over_time (the max of maxima
 * over a partition is the maximum of the union). A json/logfmt parser under
 * such a query then extracts only what the grouping and filters read.
 */
export function injectableGrouping(op: string, node: RangeAggregation, grouping: Grouping | undefined): Grouping | undefined {
  if (node.grouping !== undefined) return undefined;
  const all = grouping ?? { without: false, labels: [] };
  switch (op) {
    case 'sum':
      switch (node.op) {
        case 'bytes_over_time':
        case 'bytes_rate':
        case 'sum_over_time':
        case 'rate':
        case 'count_over_time':
          return all;
        default:
          return undefined;
      }
    case 'max':
      return node.op === 'max_over_time' ? all : undefined;
    case 'min':
      return node.op === 'min_over_time' ? all : undefined;
    default:
      return undefined;
  }
}

function totalsToSeries(buffers: readonly SampleBuffer[], fn: (count: number, total: number) => number): StepSeries[] {
  const out: StepSeries[] = [];
  for (const buffer of buffers) {
    if (buffer.length === 0) continue;
    if (hasPipelineError(buffer.labels)) throw createPipelineError(buffer.labels);
    const series = createStepSeries(buffer.labels, buffer.key, 1);
    series.present[0] = 1;
    series.values[0] = fn(buffer.length, buffer.total);
    out.push(series);
  }
  return out;
}

function windowsToSeries(buffers: readonly SampleBuffer[], value: WindowValue, steps: number): StepSeries[] {
  const out: StepSeries[] = [];
  for (const buffer of buffers) {
    const w = buffer.windows as StepWindows;
    const series = createStepSeries(buffer.labels, buffer.key, steps);
    let seen = false;
    for (let i = 0; i < steps; i++) {
      const count = w.counts[i] as number;
      if (count === 0) continue;
      seen = true;
      series.present[i] = 1;
      series.values[i] = value(count, w.sums[i] as number);
    }
    if (!seen) continue;
    if (hasPipelineError(buffer.labels)) throw createPipelineError(buffer.labels);
    out.push(series);
  }
  return out;
}

