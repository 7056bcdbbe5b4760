import { sortLabels } from '../../core/index.js';
import { formatFloat, formatSeconds } from './format-float.js';
import { encodeStats, emptyQueryStats, type QueryStats } from './stats.js';
import type { QueryResult } from './types.js';

/** The `data` object of Loki's query responses. */
export interface QueryData {
  readonly resultType: QueryResult['resultType'];
  readonly result: unknown;
  readonly stats: object;
}

/**
 * Encodes a result as Loki's `data` object: streams
 * `{stream, values: [["<ts_ns>", line]]}`, vector `{metric, value: [sec, "v"]}`,
 * matrix `{metric, values: [[sec, "v"], …]}`, scalar `[sec, "v"]`; label
 * objects with sorted keys; values as Go formats floats.
 */
export function encodeQueryData(result: QueryResult, stats: QueryStats = result.stats ?? emptyQueryStats): QueryData {
  return { resultType: result.resultType, result: encodeResult(result), stats: encodeStats(stats) };
}

function encodeResult(result: QueryResult): unknown {
  switch (result.resultType) {
    case 'streams':
      return result.streams.map((s) => ({
        stream: sortLabels(s.labels),
        values: s.entries.map((e) => [e.tsNs.toString(), e.line]),
      }));
    case 'vector':
      return result.samples.map((s) => ({ metric: sortLabels(s.labels), value: [formatSeconds(s.tsMs), formatFloat(s.value)] }));
    case 'matrix':
      return result.series.map((s) => ({
        metric: sortLabels(s.labels),
        values: s.points.map((p) => [formatSeconds(p.tsMs), formatFloat(p.value)]),
      }));
    case 'scalar':
      return [formatSeconds(result.tsMs), formatFloat(result.value)];
  }
}
