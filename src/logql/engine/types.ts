import type { Labels } from '../../core/index.js';
import type { QueryStats } from './stats.js';

/**
 * What a query evaluates to, before the HTTP layer encodes it in Loki's JSON
 * (`encodeQueryData` produces `{resultType, result, stats}` byte-compatible
 * with Loki). Timestamps: log entries in ns (bigint), samples in ms.
 */
export type QueryResult = StreamsResult | VectorResult | MatrixResult | ScalarResult;

export interface StreamsResult {
  readonly resultType: 'streams';
  /** Sorted as Loki sorts them; entries in the query's direction. */
  readonly streams: readonly { readonly labels: Labels; readonly key: string; readonly entries: readonly { readonly tsNs: bigint; readonly line: string }[] }[];
  /** What the engine measured while evaluating (added by the engine; optional). */
  readonly stats?: QueryStats | undefined;
}

export interface Sample {
  readonly labels: Labels;
  readonly key: string;
  readonly tsMs: number;
  readonly value: number;
}

export interface VectorResult {
  readonly resultType: 'vector';
  readonly samples: readonly Sample[];
  /** What the engine measured while evaluating (added by the engine; optional). */
  readonly stats?: QueryStats | undefined;
}

export interface MatrixResult {
  readonly resultType: 'matrix';
  readonly series: readonly { readonly labels: Labels; readonly key: string; readonly points: readonly { readonly tsMs: number; readonly value: number }[] }[];
  /** What the engine measured while evaluating (added by the engine; optional). */
  readonly stats?: QueryStats | undefined;
}

export interface ScalarResult {
  readonly resultType: 'scalar';
  readonly tsMs: number;
  readonly value: number;
  /** What the engine measured while evaluating (added by the engine; optional). */
  readonly stats?: QueryStats | undefined;
}

/** One evaluation request, as /query (instant) or /query_range passes it. */
export interface QueryRequest {
  readonly tenant: string;
  /** LogQL text. */
  readonly query: string;
  /** Range queries: [startNs, endNs]; instant queries: startNs === endNs === time. */
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly stepMs: number;
  /** Log queries only: return at most one entry per interval (Loki's `interval`). */
  readonly intervalMs?: number | undefined;
  readonly instant: boolean;
  readonly limit: number;
  readonly direction: 'forward' | 'backward';
  readonly signal?: AbortSignal | undefined;
}
