import { WatchpostError } from '../../core/index.js';
import { formatGoDuration, formatPromDuration } from './format-duration.js';

/** The per-tenant query limits the engine enforces (Loki's `limits_config`). */
export interface QueryLimits {
  /** `max_entries_limit_per_query`: the largest `limit` a log query may ask for. */
  readonly maxEntriesLimitPerQuery: number;
  /** `max_query_series`: the most series a metric query may return. */
  readonly maxQuerySeries: number;
  /** `max_query_length`: the longest `end - start`, in ms (0 = off). */
  readonly maxQueryLengthMs: number;
  /** `max_query_range`: the longest `[range]` in a query, in ms (0 = off). */
  readonly maxQueryRangeMs: number;
}

export const defaultQueryLimits: QueryLimits = {
  maxEntriesLimitPerQuery: 5000,
  maxQuerySeries: 500,
  maxQueryLengthMs: 721 * 3600_000,
  maxQueryRangeMs: 0,
};

/** Loki's `max entries limit per query exceeded, …` when `limit` is over the cap. */
export function checkEntriesLimit(limit: number, limits: QueryLimits): void {
  const max = limits.maxEntriesLimitPerQuery;
  if (max > 0 && limit > max) {
    throw new WatchpostError(
      'ERR_QUERY_LIMIT',
      `max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${max})`,
    );
  }
}

/** Loki's `the query time range exceeds the limit (…)`. */
export function checkQueryLength(startNs: bigint, endNs: bigint, limits: QueryLimits): void {
  const max = limits.maxQueryLengthMs;
  const lengthNs = endNs - startNs;
  if (max > 0 && lengthNs > BigInt(max) * 1_000_000n) {
    throw new WatchpostError(
      'ERR_QUERY_LIMIT',
      `the query time range exceeds the limit (query length: ${formatGoDuration(lengthNs)}, limit: ${formatPromDuration(max)})`,
    );
  }
}

/** Loki's `[interval] value exceeds limit: [1h] > [10m]` for `max_query_range`. */
export function checkQueryRange(rangeNs: number, limits: QueryLimits): void {
  const max = limits.maxQueryRangeMs;
  if (max > 0 && rangeNs > max * 1_000_000) {
    throw new WatchpostError(
      'ERR_QUERY_LIMIT',
      `[interval] value exceeds limit: [${formatPromDuration(rangeNs / 1_000_000)}] > [${formatPromDuration(max)}]`,
    );
  }
}

/** Loki's series-limit error, raised when a metric result has more than `max_query_series`. */
export function checkSeriesLimit(count: number, limits: QueryLimits): void {
  const max = limits.maxQuerySeries;
  if (max > 0 && count > max) {
    throw new WatchpostError(
      'ERR_QUERY_LIMIT',
      `maximum number of series (${max}) reached for a single query; consider reducing query cardinality by adding more specific stream selectors, reducing the time range, or aggregating results with functions like sum(), count() or topk()`,
    );
  }
}
