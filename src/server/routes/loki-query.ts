import { WatchpostError, formatLabels } from '../../core/index.js';
import { encodeQueryData, formatQuery, parseExpr, type Engine, type QueryRequest, type QueryResult } from '../../logql/index.js';
import type { Route, RouteContext } from '../http/app.js';
import { nowNs, parseInstantQuery, parseRangeQuery } from '../http/params.js';
import { sendJson, sendJsonText } from '../http/reply.js';
import { encodeGoJson } from './go-json.js';

/** The time part of a QueryRequest. */
type QueryWindow = Pick<QueryRequest, 'startNs' | 'endNs' | 'stepMs' | 'intervalMs' | 'instant'>;

/**
 * `/loki/api/v1/query` (instant), `/loki/api/v1/query_range`, the legacy
 * `/api/prom/query` and `/loki/api/v1/format_query`. Parameters are parsed
 * exactly as Loki parses them (http/params.ts); evaluation is the engine's;
 * the body is `{"status":"success","data":{resultType,result,stats}}` with
 * Go's HTML-safe string escaping.
 */
export function createQueryRoutes(deps: { engine: Engine; queryTimeoutMs?: number }): Route[] {
  const timeoutMs = deps.queryTimeoutMs ?? defaultQueryTimeoutMs;
  /** Evaluates `query` for the request's tenant over `window`, with the parsed limit and direction, under the query timeout. */
  const run = (ctx: RouteContext, query: string, window: QueryWindow, p: Pick<QueryRequest, 'limit' | 'direction'>): Promise<QueryResult> =>
    withTimeout(ctx.signal, timeoutMs, (signal) => deps.engine.query({ tenant: ctx.tenant, query, ...window, limit: p.limit, direction: p.direction, signal }));
  const instant = async (ctx: RouteContext): Promise<void> => {
    const p = parseInstantQuery(await ctx.form(), nowNs());
    sendSuccess(ctx, await run(ctx, p.query, { startNs: p.timeNs, endNs: p.timeNs, stepMs: 0, instant: true }, p));
  };
  const range = async (ctx: RouteContext): Promise<void> => {
    const p = parseRangeQuery(await ctx.form(), nowNs());
    sendSuccess(ctx, await run(ctx, p.query, { startNs: p.startNs, endNs: p.endNs, stepMs: p.stepMs, intervalMs: p.intervalMs, instant: false }, p));
  };
  const legacy = async (ctx: RouteContext): Promise<void> => {
    const form = await ctx.form();
    const p = parseRangeQuery(form, nowNs());
    const regexp = form.get('regexp');
    const query = regexp ? `${p.query} |~ ${JSON.stringify(regexp)}` : p.query;
    const result = await run(ctx, query, { startNs: p.startNs, endNs: p.endNs, stepMs: p.stepMs, instant: false }, p);
    if (result.resultType !== 'streams') throw new WatchpostError('ERR_QUERY_BAD_REQUEST', 'legacy endpoints only support streams result type');
    const streams = result.streams.map((s) => ({ labels: formatLabels(s.labels), entries: s.entries.map((e) => ({ ts: formatRfc3339Nano(e.tsNs), line: e.line })) }));
    sendJsonText(ctx.res, 200, encodeGoJson({ streams }));
  };
  const format = async (ctx: RouteContext): Promise<void> => {
    const query = (await ctx.form()).get('query') ?? '';
    let pretty: string;
    try {
      pretty = formatQuery(parseExpr(query));
    } catch (err) {
      if (!(err instanceof WatchpostError)) throw err;
      sendJson(ctx.res, 400, { status: 'invalid-query', error: err.message });
      return;
    }
    sendJson(ctx.res, 200, { status: 'success', data: pretty });
  };
  return [
    { method: ['GET', 'POST'], path: '/loki/api/v1/query', access: 'read', handle: instant },
    { method: ['GET', 'POST'], path: '/loki/api/v1/query_range', access: 'read', handle: range },
    { method: ['GET', 'POST'], path: '/api/prom/query', access: 'read', handle: legacy },
    { method: ['GET', 'POST'], path: '/loki/api/v1/format_query', access: 'read', handle: format },
  ];
}

function sendSuccess(ctx: RouteContext, result: QueryResult): void {
  sendJsonText(ctx.res, 200, encodeGoJson({ status: 'success', data: encodeQueryData(result) }));
}

/** Go's time.Time RFC3339Nano (trailing zeros of the fraction dropped), UTC. */
export function formatRfc3339Nano(tsNs: bigint): string {
  const ms = Number(tsNs / 1_000_000n) - (tsNs % 1_000_000n < 0n ? 1 : 0);
  let nanos = tsNs % 1_000_000_000n;
  if (nanos < 0n) nanos += 1_000_000_000n;
  const base = new Date(ms).toISOString().slice(0, 19);
  const frac = nanos === 0n ? '' : `.${nanos.toString().padStart(9, '0').replace(/0+$/, '')}`;
  return `${base}${frac}Z`;
}

/** Loki's `query_timeout` default. */
export const defaultQueryTimeoutMs = 60_000;

const timeoutText =
  'request timed out, decrease the duration of the request or add more label matchers (prefer exact match over regex match) to reduce the amount of data processed';

/** Runs `fn` with a signal that aborts when the client goes away or after `timeoutMs` (504 with Loki's text). */
async function withTimeout<T>(client: AbortSignal, timeoutMs: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(new WatchpostError('ERR_QUERY_TIMEOUT', timeoutText)), timeoutMs);
  try {
    return await fn(AbortSignal.any([client, timer.signal]));
  } finally {
    clearTimeout(handle);
  }
}
