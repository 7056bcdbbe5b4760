import type { Labels } from '../../core/index.js';
import { compileSampleExtractor, leadingLineFilter } from '../pipeline/index.js';
import type { SampleExtractor } from '../pipeline/types.js';
import type { Grouping } from '../syntax/ast.js';
import { parseExpr } from '../syntax/index.js';

/**
 * One batch of a stream's entries to run through a range aggregation's
 * sample extractor on another thread (scan-pool.ts): everything travels by
 * structured clone, the query as text (the worker parses and compiles it
 * once and keeps it for the next batches).
 */
export interface ScanJob {
  readonly id: number;
  /** printExpr of the RangeAggregation. */
  readonly query: string;
  /** The grouping injected from an enclosing vector aggregation, if any. */
  readonly outerGrouping: Grouping | undefined;
  readonly labels: Labels;
  /** The store did not apply the leading line filter: the worker does. */
  readonly applyLineFilter: boolean;
  /** Sample timestamps are returned as ns after this. */
  readonly baseNs: bigint;
  readonly ts: BigInt64Array;
  readonly lines: readonly string[];
  readonly metadata: readonly (Labels | undefined)[] | undefined;
}

/** The samples of a job: sample i belongs to series[seriesIndex[i]]. */
export interface ScanResult {
  readonly id: number;
  readonly series: readonly { readonly key: string; readonly labels: Labels }[];
  readonly seriesIndex: Int32Array;
  readonly rel: Float64Array;
  readonly values: Float64Array;
  readonly count: number;
  /** Set when the job failed (the caller then scans the batch itself). */
  readonly error?: string | undefined;
}

interface Compiled {
  readonly extractor: SampleExtractor;
  readonly lineFilter: ((line: string) => boolean) | undefined;
}

/** A job runner with its compiled queries cached (the worker's side; also usable in-thread). */
export function createScanRunner(maxQueries = 64): (job: ScanJob) => ScanResult {
  const compiled = new Map<string, Compiled>();

  function compile(job: ScanJob): Compiled {
    const key = `${job.query}\u0000${job.outerGrouping === undefined ? '' : JSON.stringify(job.outerGrouping)}`;
    let c = compiled.get(key);
    if (c === undefined) {
      const expr = parseExpr(job.query);
      if (expr.kind !== 'RangeAggregation') throw new Error(`scan job: not a range aggregation: ${job.query}`);
      c = {
        extractor: compileSampleExtractor(expr, job.outerGrouping === undefined ? {} : { outerGrouping: job.outerGrouping }),
        lineFilter: leadingLineFilter(expr.range.selector),
      };
      if (compiled.size >= maxQueries) compiled.clear();
      compiled.set(key, c);
    }
    return c;
  }

  return (job) => {
    const { extractor, lineFilter } = compile(job);
    const stream = extractor.forStream(job.labels);
    const filter = job.applyLineFilter ? lineFilter : undefined;
    const n = job.lines.length;
    const seriesIndex = new Int32Array(n);
    const rel = new Float64Array(n);
    const values = new Float64Array(n);
    const series: { key: string; labels: Labels }[] = [];
    const indexOf = new Map<string, number>();
    let count = 0;
    for (let i = 0; i < n; i++) {
      const line = job.lines[i] as string;
      if (filter !== undefined && !filter(line)) continue;
      const tsNs = job.ts[i] as bigint;
      const sample = stream.process(tsNs, line, job.metadata?.[i]);
      if (sample === undefined) continue;
      let index = indexOf.get(sample.key);
      if (index === undefined) {
        index = series.length;
        series.push({ key: sample.key, labels: sample.labels });
        indexOf.set(sample.key, index);
      }
      seriesIndex[count] = index;
      rel[count] = Number(tsNs - job.baseNs);
      values[count] = sample.value;
      count++;
    }
    return { id: job.id, series, seriesIndex, rel, values, count };
  };
}
