import { printGrouping, printLogSelector, printUnwrap } from '../syntax/print.js';
import type { Grouping, RangeAggregation } from '../syntax/ast.js';
import type { EvalContext } from './eval-context.js';
import { checkQueryRange } from './limits.js';
import { createPipelineError, hasPipelineError } from './pipeline-error.js';
import { absentSeries } from './absent-series.js';
import { loadSamples } from './load-samples.js';
import { selectRangeFunction } from './range-functions.js';
import type { SampleBuffer } from './sample-buffer.js';
import type { CacheEntry, SampleCache } from './sample-cache.js';
import { createStepSeries, type StepSeries } from './series.js';

/**
 * Incremental evaluation of a range aggregation at one instant (the ruler's
 * queries): the samples of the window come from the cache entry of the same
 * extractor, and only what it does not hold is read — the time since its
 * last evaluation, plus anything the querier reports as written since
 * (late or out-of-order entries, deletes). Answers equal a full evaluation's.
 * Returns undefined when the querier cannot report writes (then the caller
 * evaluates in full).
 */
export async function evaluateCachedRange(
  node: RangeAggregation,
  ctx: EvalContext,
  outerGrouping: Grouping | undefined,
  cache: SampleCache,
): Promise<StepSeries[] | undefined> {
  const querier = ctx.querier;
  if (querier.writeVersion === undefined || querier.oldestWriteSince === undefined) return undefined;
  const { rangeNs, offsetNs } = node.range;
  checkQueryRange(rangeNs, ctx.limits);
  const evalNs = ctx.grid.baseNs + BigInt(ctx.grid.relNs[0] as number);
  // The window (t - range - offset, t - offset] as [startNs, endNs).
  const endNs = evalNs - BigInt(offsetNs) + 1n;
  const startNs = endNs - BigInt(rangeNs);
  const key = `${ctx.tenant}\u0000${extractorKey(node, outerGrouping)}`;

  let entry = cache.get(key);
  while (entry?.busy !== undefined) {
    await entry.busy;
    entry = cache.get(key);
  }
  let release = (): void => {};
  const busy = new Promise<void>((resolve) => (release = resolve));
  try {
    // Read together, before any read of data: a write after this point is reported next time.
    const version = querier.writeVersion(ctx.tenant);
    if (entry !== undefined) {
      const oldest = querier.oldestWriteSince(ctx.tenant, entry.version);
      if (oldest !== undefined && oldest < entry.toNs) {
        if (oldest <= entry.fromNs) entry = undefined;
        else truncateFrom(entry, oldest);
      }
      // A window wholly after what the entry holds: start over from the window.
      if (entry !== undefined && (startNs >= entry.toNs || endNs <= entry.fromNs)) entry = undefined;
    }
    if (entry === undefined) {
      const extractor = ctx.compiler.compileSampleExtractor(node, outerGrouping === undefined ? undefined : { outerGrouping });
      entry = cache.create(key, startNs, { extractor, outerGrouping }, version);
    }
    entry.busy = busy;
    if (startNs < entry.fromNs) {
      merge(entry, await load(node, ctx, entry, startNs, entry.fromNs), 'front');
      entry.fromNs = startNs;
    }
    if (endNs > entry.toNs) {
      merge(entry, await load(node, ctx, entry, entry.toNs, endNs), 'back');
      entry.toNs = endNs;
    }
    entry.version = version;
    const lookbackNs = BigInt(rangeNs + offsetNs);
    if (lookbackNs > entry.lookbackNs) entry.lookbackNs = lookbackNs;
    const keepFrom = evalNs + 1n - entry.lookbackNs;
    if (keepFrom > entry.fromNs) dropBefore(entry, keepFrom);
    return evaluateWindow(node, entry, startNs, endNs);
  } catch (err) {
    // A failed read leaves the entry incomplete: forget it.
    if (entry !== undefined) cache.delete(entry);
    throw err;
  } finally {
    if (entry !== undefined) {
      entry.busy = undefined;
      cache.touch(entry);
    }
    release();
  }
}

/**
 * What makes two range aggregations extract the same samples: the log
 * selector with its pipeline, the unwrap, the grouping the extractor applies,
 * and what a sample's value is (1, the line's bytes, or the unwrapped value).
 */
export function extractorKey(node: RangeAggregation, outerGrouping: Grouping | undefined): string {
  const unwrap = node.range.unwrap;
  const value =
    unwrap !== undefined ? printUnwrap(unwrap) : node.op === 'bytes_over_time' || node.op === 'bytes_rate' ? 'bytes' : node.op === 'absent_over_time' ? 'absent' : 'count';
  const grouping = node.grouping ?? outerGrouping;
  return `${value}\u0000${grouping === undefined ? '' : printGrouping(grouping)}\u0000${printLogSelector(node.range.selector)}`;
}

function load(node: RangeAggregation, ctx: EvalContext, entry: CacheEntry, startNs: bigint, endNs: bigint): Promise<SampleBuffer[]> {
  return loadSamples(node, ctx, { extractor: entry.extractor, outerGrouping: entry.outerGrouping, startNs, endNs, baseNs: entry.baseNs, mode: { kind: 'samples' } });
}

/** Adds freshly read samples (all before, or all after, what the entry holds) to its series. */
function merge(entry: CacheEntry, buffers: readonly SampleBuffer[], side: 'front' | 'back'): void {
  for (const buffer of buffers) {
    buffer.sortByTime();
    const n = buffer.length;
    if (n === 0) continue;
    const existing = entry.series.get(buffer.key);
    if (existing === undefined) {
      entry.series.set(buffer.key, { labels: buffer.labels, key: buffer.key, ts: buffer.ts.slice(0, n), values: buffer.values.slice(0, n), length: n });
      continue;
    }
    const total = existing.length + n;
    const ts = new Float64Array(total);
    const values = new Float64Array(total);
    const [first, second] = side === 'front' ? [buffer, existing] : [existing, buffer];
    ts.set(first.ts.subarray(0, first.length), 0);
    values.set(first.values.subarray(0, first.length), 0);
    ts.set(second.ts.subarray(0, second.length), first.length);
    values.set(second.values.subarray(0, second.length), first.length);
    existing.ts = ts;
    existing.values = values;
    existing.length = total;
  }
}

/** Forgets samples at or after `tsNs` (they are read again). */
function truncateFrom(entry: CacheEntry, tsNs: bigint): void {
  const rel = Number(tsNs - entry.baseNs);
  for (const [key, s] of entry.series) {
    s.length = lowerBound(s.ts, s.length, rel);
    if (s.length === 0) entry.series.delete(key);
  }
  entry.toNs = tsNs;
}

/** Forgets samples before `tsNs` (no window reaches them any more). */
function dropBefore(entry: CacheEntry, tsNs: bigint): void {
  const rel = Number(tsNs - entry.baseNs);
  for (const [key, s] of entry.series) {
    const lo = lowerBound(s.ts, s.length, rel);
    if (lo === 0) continue;
    if (lo === s.length) {
      entry.series.delete(key);
      continue;
    }
    s.ts = s.ts.slice(lo, s.length);
    s.values = s.values.slice(lo, s.length);
    s.length -= lo;
  }
  entry.fromNs = tsNs;
}

/** The range function over [startNs, endNs) of every series, as the full evaluation computes it. */
function evaluateWindow(node: RangeAggregation, entry: CacheEntry, startNs: bigint, endNs: bigint): StepSeries[] {
  const lo = Number(startNs - entry.baseNs);
  const hi = Number(endNs - entry.baseNs);
  const fn = selectRangeFunction(node);
  const anyPresent = node.op === 'absent_over_time' ? new Uint8Array(1) : undefined;
  const out: StepSeries[] = [];
  for (const s of entry.series.values()) {
    const a = lowerBound(s.ts, s.length, lo);
    const b = lowerBound(s.ts, s.length, hi);
    if (b <= a) continue;
    if (hasPipelineError(s.labels)) throw createPipelineError(s.labels);
    if (anyPresent !== undefined) {
      anyPresent[0] = 1;
      continue;
    }
    const series = createStepSeries(s.labels, s.key, 1);
    series.present[0] = 1;
    series.values[0] = fn(s.ts, s.values, a, b, hi - 1);
    out.push(series);
  }
  return anyPresent === undefined ? out : [absentSeries(node, anyPresent, 1)];
}

function lowerBound(ts: Float64Array, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ts[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
