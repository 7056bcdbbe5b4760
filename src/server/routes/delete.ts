import { WatchpostError } from '../../core/index.js';
import { parseExpr, type LineFilter, type StreamSelector } from '../../logql/index.js';
import type { StoreAdmin } from '../../store/index.js';
import type { Route, RouteContext } from '../http/app.js';
import { parseRfc3339Ns } from '../http/params.js';
import { sendJson, sendNoContent } from '../http/reply.js';

/**
 * Loki's compactor delete API: `POST|PUT /loki/api/v1/delete` (204),
 * `GET /loki/api/v1/delete` (the tenant's requests), `DELETE
 * /loki/api/v1/delete?request_id=…[&force=true]` (cancel, 204). Times are
 * Unix seconds (exactly 10 digits) or RFC3339, as Loki's deletion parser
 * reads them; the query is a selector plus line filters only.
 */
export function createDeleteRoutes(deps: { admin: StoreAdmin; now: () => number }): Route[] {
  const add = async (ctx: RouteContext): Promise<void> => {
    const form = await ctx.form();
    const query = form.get('query') ?? '';
    if (query === '') throw bad('query not set');
    const { selector, lineFilters } = parseDeletionQuery(query);
    const startText = form.get('start') ?? '';
    if (startText === '') throw bad('start time not set');
    const startMs = parseDeletionTimeMs(startText, deps.now());
    if (startMs === undefined) throw bad('invalid start time: require unix seconds or RFC3339 format');
    const endMs = parseDeletionTimeMs(form.get('end') ?? '', deps.now());
    if (endMs === undefined) throw bad('invalid end time: require unix seconds or RFC3339 format');
    if (endMs > deps.now()) throw bad('deletes in the future are not allowed');
    if (startMs > endMs) throw bad("start time can't be greater than end time");
    await deps.admin.addDeleteRequest(ctx.tenant, { query, selector, lineFilters, startNs: BigInt(startMs) * 1_000_000n, endNs: BigInt(endMs) * 1_000_000n });
    sendNoContent(ctx.res);
  };
  const list = async (ctx: RouteContext): Promise<void> => {
    sendJson(ctx.res, 200, await deps.admin.listDeleteRequests(ctx.tenant));
  };
  const cancel = async (ctx: RouteContext): Promise<void> => {
    const form = await ctx.form();
    const id = form.get('request_id') ?? '';
    if (id === '') throw bad('missing request_id');
    const found = await deps.admin.cancelDeleteRequest(ctx.tenant, id, form.get('force') === 'true');
    if (!found) throw new WatchpostError('ERR_API_NOT_FOUND', 'could not find delete request with given id');
    sendNoContent(ctx.res);
  };
  return [
    { method: ['POST', 'PUT'], path: '/loki/api/v1/delete', access: 'write', handle: add },
    { method: 'GET', path: '/loki/api/v1/delete', access: 'read', handle: list },
    { method: 'DELETE', path: '/loki/api/v1/delete', access: 'write', handle: cancel },
  ];
}

function bad(message: string): WatchpostError {
  return new WatchpostError('ERR_API_BAD_REQUEST', message);
}

function parseDeletionQuery(query: string): { selector: StreamSelector; lineFilters: LineFilter[] } {
  let expr;
  try {
    expr = parseExpr(query);
  } catch {
    throw bad('invalid query expression');
  }
  if (expr.kind !== 'LogSelectorExpr') throw bad('invalid query expression');
  const lineFilters: LineFilter[] = [];
  for (const stage of expr.stages) {
    if (stage.kind !== 'LineFilter') throw bad('invalid query expression');
    lineFilters.push(stage);
  }
  return { selector: expr.selector, lineFilters };
}

/** Loki deletion `parseTime`: empty → now; RFC3339; or exactly 10 digits of Unix seconds. In ms. */
export function parseDeletionTimeMs(text: string, nowMs: number): number | undefined {
  if (text === '') return nowMs;
  const ns = parseRfc3339Ns(text);
  if (ns !== undefined) return Number(ns / 1_000_000n);
  if (text.length !== 10 || !/^\d{10}$/.test(text)) return undefined;
  return Number(text) * 1000;
}
