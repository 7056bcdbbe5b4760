import { WatchpostError } from '../../core/index.js';
import type { PushStream } from '../../store/index.js';
import type { Route, RouteContext } from '../http/app.js';
import { sendNoContent } from '../http/reply.js';
import { decodePush } from '../push/decode-push.js';
import type { RouteDeps } from './route-deps.js';

/**
 * `POST /loki/api/v1/push` and the legacy `POST /api/prom/push`: decode the
 * whole body, hand the store one batch, answer 204 only once the store has
 * made every accepted entry durable. A body that does not decode changes
 * nothing; validation failures are the store's (Loki's texts, partial
 * acceptance).
 */
export function createPushRoutes(deps: RouteDeps & { maxInflightPushBytes?: number }): Route[] {
  const maxInflight = deps.maxInflightPushBytes ?? defaultMaxInflightPushBytes;
  let inflight = 0;
  const handle = (legacy: boolean) => async (ctx: RouteContext): Promise<void> => {
    let held = 0;
    try {
      const body = await ctx.body();
      // Bound the memory pushes waiting on the store may hold: past it, clients back off (429) and retry.
      if (inflight > 0 && inflight + body.length > maxInflight) {
        throw new WatchpostError('ERR_INGEST_RATE_LIMITED', `too many push bytes in flight (limit ${maxInflight} bytes), retry later`);
      }
      held = body.length;
      inflight += held;
      const streams = decodePush(
        body,
        { contentType: header(ctx, 'content-type'), contentEncoding: header(ctx, 'content-encoding') },
        { legacy, maxBytes: deps.maxBodyBytes },
      );
      if (streams.length === 0) {
        throw new WatchpostError('ERR_INGEST_INVALID', 'error at least one valid stream is required for ingestion', { details: { httpStatus: 422 } });
      }
      recordReceived(deps, ctx.tenant, streams);
      await deps.store.push(ctx.tenant, streams);
    } catch (err) {
      deps.metrics.recordPushFailure(ctx.tenant, err instanceof WatchpostError ? err.code : 'ERR_INTERNAL');
      throw err;
    } finally {
      inflight -= held;
    }
    sendNoContent(ctx.res);
  };
  return [
    { method: 'POST', path: '/loki/api/v1/push', access: 'write', handle: handle(false) },
    { method: 'POST', path: '/api/prom/push', access: 'write', handle: handle(true) },
  ];
}

/** Wire bytes of pushes being decoded or waiting on the store, across tenants. */
export const defaultMaxInflightPushBytes = 256 * 1024 * 1024;

function header(ctx: RouteContext, name: string): string | undefined {
  const v = ctx.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function recordReceived(deps: RouteDeps, tenant: string, streams: readonly PushStream[]): void {
  let lines = 0;
  let bytes = 0;
  for (const s of streams) {
    lines += s.entries.length;
    for (const e of s.entries) {
      bytes += Buffer.byteLength(e.line);
      if (e.metadata) for (const k in e.metadata) bytes += k.length + (e.metadata[k] as string).length;
    }
  }
  deps.metrics.recordReceived(tenant, lines, bytes);
}
