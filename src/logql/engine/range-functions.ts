import type { RangeAggregation } from '../syntax/ast.js';

/**
 * One range-aggregation function over the window `[lo, hi)` of a series'
 * time-sorted samples (ts are ns, relative; values as extracted). Semantics
 * and float operation order follow Loki's `range_vector.go`.
 */
export type RangeFunction = (ts: Float64Array, values: Float64Array, lo: number, hi: number, windowEnd: number) => number;

/** The function for `node`; `absent_over_time` is handled by the caller. */
export function selectRangeFunction(node: RangeAggregation): RangeFunction {
  const rangeSeconds = node.range.rangeNs / 1e9;
  const unwrapped = node.range.unwrap !== undefined;
  switch (node.op) {
    case 'count_over_time':
      return (_ts, _v, lo, hi) => hi - lo;
    case 'rate':
      return unwrapped ? (_ts, v, lo, hi) => sumRange(v, lo, hi) / rangeSeconds : (_ts, _v, lo, hi) => (hi - lo) / rangeSeconds;
    case 'bytes_over_time':
    case 'sum_over_time':
      return (_ts, v, lo, hi) => sumRange(v, lo, hi);
    case 'bytes_rate':
      return (_ts, v, lo, hi) => sumRange(v, lo, hi) / rangeSeconds;
    case 'rate_counter':
      return (ts, v, lo, hi, windowEnd) => extrapolatedRate(ts, v, lo, hi, windowEnd, node.range.rangeNs);
    case 'avg_over_time':
      return avgRange;
    case 'max_over_time':
      return (_ts, v, lo, hi) => extremeRange(v, lo, hi, true);
    case 'min_over_time':
      return (_ts, v, lo, hi) => extremeRange(v, lo, hi, false);
    case 'stdvar_over_time':
      return (_ts, v, lo, hi) => varianceRange(v, lo, hi);
    case 'stddev_over_time':
      return (_ts, v, lo, hi) => Math.sqrt(varianceRange(v, lo, hi));
    case 'quantile_over_time': {
      const q = node.param ?? NaN;
      return (_ts, v, lo, hi) => quantile(q, Array.from(v.subarray(lo, hi)));
    }
    case 'first_over_time':
      return (_ts, v, lo) => v[lo] as number;
    case 'last_over_time':
      return (_ts, v, _lo, hi) => v[hi - 1] as number;
    case 'absent_over_time':
      return () => 1;
  }
}

function sumRange(v: Float64Array, lo: number, hi: number): number {
  let sum = 0;
  for (let i = lo; i < hi; i++) sum += v[i] as number;
  return sum;
}

function avgRange(_ts: Float64Array, v: Float64Array, lo: number, hi: number): number {
  let mean = 0;
  let count = 0;
  for (let i = lo; i < hi; i++) {
    const x = v[i] as number;
    count++;
    if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
      if (!Number.isFinite(x) && !Number.isNaN(x) && mean > 0 === x > 0) continue;
      if (Number.isFinite(x)) continue;
    }
    mean += x / count - mean / count;
  }
  return mean;
}

function extremeRange(v: Float64Array, lo: number, hi: number, max: boolean): number {
  let best = v[lo] as number;
  for (let i = lo; i < hi; i++) {
    const x = v[i] as number;
    if ((max ? x > best : x < best) || Number.isNaN(best)) best = x;
  }
  return best;
}

function varianceRange(v: Float64Array, lo: number, hi: number): number {
  let aux = 0;
  let count = 0;
  let mean = 0;
  for (let i = lo; i < hi; i++) {
    const x = v[i] as number;
    count++;
    const delta = x - mean;
    mean += delta / count;
    aux += delta * (x - mean);
  }
  return aux / count;
}

/**
 * Prometheus-style quantile with linear interpolation (sorts `values`).
 * NaN for no values, -Inf for q < 0, +Inf for q > 1.
 */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  // Loki sorts with NaN first (vector.HeapByMaxValue).
  values.sort((a, b) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b));
  const n = values.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return (values[lower] as number) * (1 - weight) + (values[upper] as number) * weight;
}

/**
 * Loki's `extrapolatedRate(samples, selRange, rangeEnd, isCounter=true,
 * isRate=true)`: Prometheus' rate with counter resets, except that times are
 * nanoseconds and the range bounds are the query window `(end - range, end]`.
 */
function extrapolatedRate(ts: Float64Array, v: Float64Array, lo: number, hi: number, windowEnd: number, rangeNs: number): number {
  const n = hi - lo;
  if (n < 2) return 0;
  const firstT = ts[lo] as number;
  const lastT = ts[hi - 1] as number;
  const firstV = v[lo] as number;
  const rangeStart = windowEnd - rangeNs;
  let result = (v[hi - 1] as number) - firstV;
  let lastValue = 0;
  for (let i = lo; i < hi; i++) {
    const x = v[i] as number;
    if (x < lastValue) result += lastValue;
    lastValue = x;
  }
  let durationToStart = (firstT - rangeStart) / 1e9;
  let durationToEnd = (windowEnd - lastT) / 1e9;
  const sampledInterval = (lastT - firstT) / 1e9;
  const averageBetween = sampledInterval / (n - 1);
  const threshold = averageBetween * 1.1;
  if (durationToStart >= threshold) durationToStart = averageBetween / 2;
  let durationToZero = durationToStart;
  if (result > 0 && firstV >= 0) durationToZero = sampledInterval * (firstV / result);
  if (durationToZero < durationToStart) durationToStart = durationToZero;
  if (durationToEnd >= threshold) durationToEnd = averageBetween / 2;
  const extrapolateToInterval = sampledInterval + durationToStart + durationToEnd;
  result = result * (extrapolateToInterval / sampledInterval);
  return result / (rangeNs / 1e9);
}
