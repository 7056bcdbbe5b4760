import { WatchpostError } from '../../core/index.js';
import { isLogSelectorExpr, type Expr, type MetricExpr } from '../syntax/ast.js';
import type { QueryCompiler } from './compiler.js';
import { createDefaultCompiler } from './default-compiler.js';
import { compareLabels } from './compare-labels.js';
import { createQueryCounters, type EvalContext, type QueryCounters } from './eval-context.js';
import { evaluateMetric, toSeries } from './evaluate-metric.js';
import { checkEntriesLimit, checkQueryLength, checkSeriesLimit, defaultQueryLimits, type QueryLimits } from './limits.js';
import { evaluateLogQuery } from './log-query.js';
import type { Querier } from './querier.js';
import { SampleCache, type SampleCacheOptions } from './sample-cache.js';
import { ScanPool } from './scan-pool.js';
import { createStepGrid, hasAnyPoint, type StepGrid, type StepValue } from './series.js';
import type { QueryStats } from './stats.js';
import type { MatrixResult, QueryRequest, QueryResult, Sample, VectorResult } from './types.js';

/** The LogQL evaluator (Loki's `Engine`): reaches data only through a `Querier`. */
export interface Engine {
  /** Evaluates a /query (instant) or /query_range request. Errors are WatchpostErrors with Loki's texts. */
  query(req: QueryRequest): Promise<QueryResult>;
  /**
   * An instant metric query at `tsMs` as a vector (a scalar becomes one `{}`
   * sample), for the ruler: evaluated incrementally, reusing the samples of
   * earlier evaluations (EngineOptions.instantSampleCache).
   */
  instantVector(tenant: string, query: string, tsMs: number): Promise<Sample[]>;
}

export interface EngineOptions {
  /** Parser and pipeline compiler; defaults to the ones of src/logql. */
  readonly compiler?: QueryCompiler | undefined;
  /**
   * Bounds of the samples `instantVector` keeps between evaluations (the
   * ruler's incremental evaluation, where the querier reports writes);
   * false evaluates every instant query in full.
   */
  readonly instantSampleCache?: SampleCacheOptions | false | undefined;
  /**
   * Long metric scans use a worker thread for part of their batches (default
   * true; only with the default compiler, which the worker compiles with too).
   */
  readonly scanWorker?: boolean | undefined;
}

const maxPointsPerSeries = 11_000;

export function createEngine(querier: Querier, limits: Partial<QueryLimits> = {}, options: EngineOptions = {}): Engine {
  const effective: QueryLimits = { ...defaultQueryLimits, ...limits };
  const compiler = options.compiler ?? createDefaultCompiler();
  const scanPool = options.scanWorker !== false && options.compiler === undefined ? () => ScanPool.shared() : undefined;
  const sampleCache = options.instantSampleCache === false ? undefined : new SampleCache(options.instantSampleCache);

  async function query(req: QueryRequest, cache?: SampleCache): Promise<QueryResult> {
    const started = performance.now();
    const expr = compiler.parseExpr(req.query);
    checkQueryLength(req.startNs, req.endNs, effective);
    const counters = createQueryCounters();
    const grid = gridFor(req, isLogSelectorExpr(expr));
    const ctx: EvalContext = {
      querier,
      compiler,
      tenant: req.tenant,
      grid,
      limits: effective,
      signal: req.signal,
      counters,
      sampleCache: cache,
      scanPool,
    };
    let result: QueryResult;
    if (isLogSelectorExpr(expr)) {
      if (req.instant) {
        throw new WatchpostError(
          'ERR_QUERY_BAD_REQUEST',
          'log queries are not supported as an instant query type, please change your query to a range query type',
        );
      }
      checkEntriesLimit(req.limit, effective);
      result = await evaluateLogQuery(expr, req, ctx);
    } else {
      const value = await evaluateMetric(expr, ctx);
      result = req.instant ? toVectorOrScalar(value, grid, expr, effective) : toMatrix(value, grid, effective);
    }
    return { ...result, stats: toStats(counters, performance.now() - started) };
  }

  async function instantVector(tenant: string, text: string, tsMs: number): Promise<Sample[]> {
    const timeNs = BigInt(Math.trunc(tsMs)) * 1_000_000n;
    const request: QueryRequest = { tenant, query: text, startNs: timeNs, endNs: timeNs, stepMs: 0, instant: true, limit: 100, direction: 'backward' };
    const result = await query(request, sampleCache);
    if (result.resultType === 'scalar') return [{ labels: {}, key: '{}', tsMs: result.tsMs, value: result.value }];
    return result.resultType === 'vector' ? [...result.samples] : [];
  }

  return { query: (req) => query(req), instantVector };
}

/**
 * Instant queries evaluate at `time`. Range metric queries are step-aligned as
 * Loki's query frontend does (start rounded down, end rounded up to a
 * multiple of step), then evaluated at `start + i·step` while `<= end`.
 */
function gridFor(req: QueryRequest, logQuery: boolean): StepGrid {
  if (req.instant || logQuery) return createStepGrid(req.endNs, req.endNs, 0n);
  if (!(req.stepMs > 0)) {
    throw new WatchpostError('ERR_QUERY_BAD_REQUEST', 'zero or negative query resolution step widths are not accepted. Try a positive integer');
  }
  const stepNs = BigInt(Math.round(req.stepMs * 1e6));
  const start = req.startNs - (req.startNs % stepNs);
  const mod = req.endNs % stepNs;
  const end = mod === 0n ? req.endNs : req.endNs + stepNs - mod;
  if ((end - start) / stepNs > BigInt(maxPointsPerSeries)) {
    throw new WatchpostError(
      'ERR_QUERY_BAD_REQUEST',
      'exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter',
    );
  }
  return createStepGrid(start, end, stepNs);
}

function toMatrix(value: StepValue, grid: StepGrid, limits: QueryLimits): MatrixResult {
  const series = toSeries(value, grid.count).filter(hasAnyPoint);
  checkSeriesLimit(series.length, limits);
  const out = series.map((s) => {
    const points: { tsMs: number; value: number }[] = [];
    for (let i = 0; i < grid.count; i++) if (s.present[i] === 1) points.push({ tsMs: grid.tsMs[i] as number, value: s.values[i] as number });
    return { labels: s.labels, key: s.key, points };
  });
  out.sort((a, b) => compareLabels(a.labels, b.labels));
  return { resultType: 'matrix', series: out };
}

function toVectorOrScalar(value: StepValue, grid: StepGrid, expr: MetricExpr, limits: QueryLimits): QueryResult {
  const tsMs = grid.tsMs[0] as number;
  if (value.kind === 'scalar') return { resultType: 'scalar', tsMs, value: value.value };
  const samples: Sample[] = [];
  for (const s of value.series) if (s.present[0] === 1) samples.push({ labels: s.labels, key: s.key, tsMs, value: s.values[0] as number });
  checkSeriesLimit(samples.length, limits);
  const order = sortOrder(expr);
  samples.sort((a, b) => {
    if (order !== undefined) {
      const byValue = compareValues(a.value, b.value, order === 'sort_desc');
      if (byValue !== 0) return byValue;
    }
    return compareLabels(a.labels, b.labels);
  });
  const result: VectorResult = { resultType: 'vector', samples };
  return result;
}

/**
 * Loki's `Sortable`: when the query contains `sort`/`sort_desc` (the first one
 * met walking from the root), an instant result is ordered by value.
 */
function sortOrder(expr: Expr): 'sort' | 'sort_desc' | undefined {
  switch (expr.kind) {
    case 'VectorAggregation':
      return expr.op === 'sort' || expr.op === 'sort_desc' ? expr.op : sortOrder(expr.expr);
    case 'BinOp':
      return sortOrder(expr.left) ?? sortOrder(expr.right);
    case 'LabelReplace':
      return sortOrder(expr.expr);
    default:
      return undefined;
  }
}

/** NaN sorts last in both directions. */
function compareValues(a: number, b: number, descending: boolean): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (a === b) return 0;
  return (a < b) !== descending ? -1 : 1;
}

function toStats(counters: QueryCounters, elapsedMs: number): QueryStats {
  return {
    execTimeSeconds: elapsedMs / 1000,
    linesProcessed: counters.linesProcessed,
    bytesProcessed: counters.bytesProcessed,
    postFilterLines: counters.postFilterLines,
    entriesReturned: counters.entriesReturned,
  };
}
