import type { Querier } from './querier.js';
import type { QueryCompiler } from './compiler.js';
import type { QueryLimits } from './limits.js';
import type { SampleCache } from './sample-cache.js';
import type { ScanPool } from './scan-pool.js';
import type { StepGrid } from './series.js';

/** Counters gathered while a query runs (the measured part of Loki's `stats`). */
export interface QueryCounters {
  linesProcessed: number;
  bytesProcessed: number;
  postFilterLines: number;
  entriesReturned: number;
}

/** Everything a metric sub-expression needs to evaluate. */
export interface EvalContext {
  readonly querier: Querier;
  readonly compiler: QueryCompiler;
  readonly tenant: string;
  readonly grid: StepGrid;
  readonly limits: QueryLimits;
  readonly signal: AbortSignal | undefined;
  readonly counters: QueryCounters;
  /** Set for the ruler's instant evaluations: range aggregations reuse samples kept from earlier ones. */
  readonly sampleCache?: SampleCache | undefined;
  /** Set when long metric scans may hand batches to a worker thread (the default compiler only); started on first use. */
  readonly scanPool?: (() => ScanPool | undefined) | undefined;
}

export function createQueryCounters(): QueryCounters {
  return { linesProcessed: 0, bytesProcessed: 0, postFilterLines: 0, entriesReturned: 0 };
}
