import { formatLabels, type Labels } from '../../core/index.js';
import type { Grouping, Matcher, RangeAggregation } from '../syntax/ast.js';
import type { StreamSampleExtractor } from '../pipeline/types.js';
import type { EvalContext } from './eval-context.js';
import { createYieldPoint } from './yield-point.js';
import { checkQueryRange } from './limits.js';
import { createPipelineError, hasPipelineError } from './pipeline-error.js';
import { selectRangeFunction } from './range-functions.js';
import { SampleBuffer } from './sample-buffer.js';
import { createStepSeries, type StepSeries } from './series.js';
import { createStepWindows, createWindowAdder, selectWindowValue, type StepWindows, type WindowValue } from './step-windows.js';

/**
 * Evaluates a range aggregation at every step of the grid in one pass over
 * the data: samples are loaded once per output series, then each series'
 * window `(t - range - offset, t - offset]` slides over its sorted timestamps
 * (two monotonic cursors), so no entry is scanned once per step.
 */
export async function evaluateRangeAggregation(node: RangeAggregation, ctx: EvalContext, outerGrouping?: Grouping): Promise<StepSeries[]> {
  const { rangeNs, offsetNs } = node.range;
  checkQueryRange(rangeNs, ctx.limits);
  const grid = ctx.grid;
  const totals = grid.count === 1 ? selectWindowValue(node) : undefined;
  const windowValue = totals === undefined ? selectWindowValue(node) : undefined;
  const mode: LoadMode =
    totals !== undefined ? { kind: 'totals' } : windowValue !== undefined ? { kind: 'windows', add: createWindowAdder(grid, rangeNs, offsetNs) } : { kind: 'samples' };
  const buffers = await loadSamples(node, ctx, outerGrouping, mode);
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
 * Loki's grouping injection: `sum by (…)` directly over a count/bytes/rate/sum
 * range aggregation without its own grouping lets the extractor reduce labels
 * early (same sums, far fewer series).
 */
export function injectableGrouping(op: string, node: RangeAggregation, grouping: Grouping | undefined): Grouping | undefined {
  if (op !== 'sum' || node.grouping !== undefined) return undefined;
  switch (node.op) {
    case 'bytes_over_time':
    case 'bytes_rate':
    case 'sum_over_time':
    case 'rate':
    case 'count_over_time':
      return grouping ?? { without: false, labels: [] };
    default:
      return undefined;
  }
}

/** What loadSamples keeps per series: count and sum, per-step windows, or every sample. */
type LoadMode =
  | { readonly kind: 'totals' }
  | { readonly kind: 'windows'; readonly add: (w: StepWindows, relNs: number, value: number) => void }
  | { readonly kind: 'samples' };

/** Reads every entry in the query's look-back once, grouping samples by output series. */
async function loadSamples(node: RangeAggregation, ctx: EvalContext, outerGrouping: Grouping | undefined, mode: LoadMode): Promise<SampleBuffer[]> {
  const grid = ctx.grid;
  const { rangeNs, offsetNs } = node.range;
  const firstEndNs = ctx.grid.baseNs + BigInt((grid.relNs[0] as number) - offsetNs);
  const lastEndNs = ctx.grid.baseNs + BigInt((grid.relNs[grid.count - 1] as number) - offsetNs);
  const extractor = ctx.compiler.compileSampleExtractor(node, outerGrouping === undefined ? undefined : { outerGrouping });
  const lineFilter = ctx.compiler.leadingLineFilter(node.range.selector);
  const perStream = new Map<string, StreamSampleExtractor>();
  const buffers = new Map<string, SampleBuffer>();
  const baseNs = grid.baseNs;
  const counters = ctx.counters;
  const totalsOnly = mode.kind === 'totals';
  const addToWindows = mode.kind === 'windows' ? mode.add : undefined;
  const batches = ctx.querier.selectLogs({
    tenant: ctx.tenant,
    selector: node.range.selector.selector,
    startNs: firstEndNs - BigInt(rangeNs) + 1n,
    endNs: lastEndNs + 1n,
    direction: 'forward',
    lineFilter,
    signal: ctx.signal,
  });
  const yieldPoint = createYieldPoint();
  for await (const batch of batches) {
    ctx.signal?.throwIfAborted();
    await yieldPoint();
    let streamExtractor = perStream.get(batch.key);
    if (streamExtractor === undefined) {
      streamExtractor = extractor.forStream(batch.labels);
      perStream.set(batch.key, streamExtractor);
    }
    const filter = batch.filtered ? undefined : lineFilter;
    let lastLabels: Labels | undefined;
    let lastBuffer: SampleBuffer | undefined;
    const entries = batch.entries;
    counters.linesProcessed += entries.length;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as (typeof entries)[number];
      counters.bytesProcessed += entry.line.length;
      if (filter !== undefined && !filter(entry.line)) continue;
      const sample = streamExtractor.process(entry.tsNs, entry.line, entry.metadata);
      if (sample === undefined) continue;
      let buffer = sample.labels === lastLabels ? lastBuffer : buffers.get(sample.key);
      if (buffer === undefined) {
        buffer = new SampleBuffer(sample.labels, sample.key);
        if (addToWindows !== undefined) buffer.windows = createStepWindows(grid.count);
        buffers.set(sample.key, buffer);
      }
      lastLabels = sample.labels;
      lastBuffer = buffer;
      counters.postFilterLines++;
      if (addToWindows !== undefined) {
        buffer.length++;
        addToWindows(buffer.windows as StepWindows, Number(entry.tsNs - baseNs), sample.value);
      } else if (totalsOnly) buffer.addTotal(sample.value);
      else buffer.push(Number(entry.tsNs - baseNs), sample.value);
    }
  }
  return [...buffers.values()];
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

/** absent_over_time: value 1 at the steps where no series had a sample. */
function absentSeries(node: RangeAggregation, anyPresent: Uint8Array, steps: number): StepSeries {
  const labels = absentLabels(node.range.selector.selector.matchers);
  const series = createStepSeries(labels, formatLabels(labels), steps);
  for (let i = 0; i < steps; i++) {
    if (anyPresent[i] === 0) {
      series.present[i] = 1;
      series.values[i] = 1;
    }
  }
  return series;
}

/** The selector's `=` matchers; a name matched twice or by another operator is left out (Prometheus). */
export function absentLabels(matchers: readonly Matcher[]): Labels {
  const labels: Record<string, string> = {};
  const dropped = new Set<string>();
  for (const m of matchers) {
    if (m.op === '=' && !(m.name in labels)) labels[m.name] = m.value;
    else dropped.add(m.name);
  }
  for (const name of dropped) delete labels[name];
  return labels;
}
