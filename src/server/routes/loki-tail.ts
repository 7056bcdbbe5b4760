import { WebSocketServer, type WebSocket } from 'ws';
import { WatchpostError, formatLabels, sortLabels, type Labels, type Logger } from '../../core/index.js';
import { compileLogPipeline, parseLogSelector, type Engine, type LogEntry, type LogSelectorExpr } from '../../logql/index.js';
import type { Store } from '../../store/index.js';
import type { UpgradeContext, UpgradeRoute } from '../http/app.js';
import { determineBounds, nowNs, parseGoInt, parseLimit } from '../http/params.js';
import type { ServerMetrics } from '../server-metrics.js';
import { encodeGoJson } from './go-json.js';

export interface TailDeps {
  readonly store: Store;
  readonly engine: Engine;
  readonly logger: Logger;
  readonly metrics: ServerMetrics;
  /** Loki's `max_concurrent_tail_requests` per tenant (default 10). */
  readonly maxTailsPerTenant?: number;
}

export interface TailRoutes {
  readonly routes: UpgradeRoute[];
  /** Ends every open session (close code 1001). */
  close(): void;
}

/** Past lines are replayed up to this many; live lines to a client that reads too slowly are dropped past this backlog. */
const maxBufferedBytes = 4 * 1024 * 1024;
const maxDroppedListed = 1000;

/**
 * `GET /loki/api/v1/tail` (and legacy `/api/prom/tail`) over a websocket.
 * Parameters (limit, start, delay_for) are checked before the upgrade (HTTP
 * 400, as in Loki); a query that does not parse, or a tenant past
 * `max_concurrent_tail_requests`, closes the socket with 1011 and Loki's text. After the upgrade the session subscribes to the store first,
 * then replays up to `limit` lines since `start`, then streams every line
 * pushed after it connected through the query's pipeline, one JSON message
 * per batch: `{"streams":[{"stream":{…},"values":[["<ns>","line"]]}]}`,
 * plus `dropped_entries` when a slow client made it drop lines.
 */
export function createTailRoutes(deps: TailDeps): TailRoutes {
  const wss = new WebSocketServer({ noServer: true });
  const perTenant = new Map<string, number>();
  const max = deps.maxTailsPerTenant ?? 10;
  let open = 0;

  const upgrade = (ctx: UpgradeContext): void => {
    // Loki's ParseTailQuery: parameter errors are HTTP 400 before the upgrade; the query itself is
    // parsed after it, and a bad one closes the socket with 1011 and the parse error.
    const q = ctx.query;
    const query = q.get('query') ?? '';
    const limit = parseLimit(q);
    const now = nowNs();
    const { startNs } = determineBounds(q, now);
    const delayText = q.get('delay_for');
    const delayForS = delayText === null || delayText === '' ? 0 : Number(parseGoInt(delayText));
    if (delayForS > 5) throw new WatchpostError('ERR_QUERY_BAD_REQUEST', "delay_for can't be greater than 5");
    wss.handleUpgrade(ctx.req, ctx.socket, ctx.head, (ws) => {
      // As in Loki's querier, the session limit is checked after the upgrade: 1011 and the limit text.
      const count = perTenant.get(ctx.tenant) ?? 0;
      if (count >= max) {
        ws.close(1011, `max concurrent tail requests limit exceeded, count > limit (${count + 1} > ${max})`);
        return;
      }
      perTenant.set(ctx.tenant, count + 1);
      deps.metrics.setTailSessions(++open);
      ws.once('close', () => {
        perTenant.set(ctx.tenant, (perTenant.get(ctx.tenant) ?? 1) - 1);
        deps.metrics.setTailSessions(--open);
      });
      const start = async (): Promise<void> => {
        const expr = parseLogSelector(query, { validate: true });
        await runSession(ws, { tenant: ctx.tenant, expr, query, limit, startNs, startedNs: now, delayMs: Math.max(0, delayForS) * 1000 }, deps);
      };
      start().catch((err: unknown) => {
        if (!(err instanceof WatchpostError)) deps.logger.warn('tail session failed', { err: err instanceof Error ? err.message : String(err) });
        ws.close(1011, truncateReason(err instanceof WatchpostError ? err.message : 'internal error'));
      });
    });
  };

  return {
    routes: [
      { path: '/loki/api/v1/tail', access: 'read', upgrade },
      { path: '/api/prom/tail', access: 'read', upgrade },
    ],
    close() {
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, 1000).unref();
    },
  };
}

interface Session {
  readonly tenant: string;
  readonly expr: LogSelectorExpr;
  readonly query: string;
  readonly limit: number;
  readonly startNs: bigint;
  readonly startedNs: bigint;
  readonly delayMs: number;
}

interface Outgoing {
  readonly stream: Labels;
  readonly values: [string, string][];
}

async function runSession(ws: WebSocket, s: Session, deps: TailDeps): Promise<void> {
  const pipeline = compileLogPipeline(s.expr);
  let pending = new Map<string, Outgoing>();
  let dropped: { labels: Labels; timestamp: string }[] = [];
  let replayed = false;
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    if (ws.readyState !== ws.OPEN || pending.size === 0) return;
    const streams = [...pending.values()];
    pending = new Map();
    const message: Record<string, unknown> = { streams };
    if (dropped.length) {
      message.dropped_entries = dropped;
      dropped = [];
    }
    ws.send(encodeGoJson(message));
  };
  const schedule = (): void => {
    if (scheduled || !replayed) return;
    scheduled = true;
    if (s.delayMs > 0) setTimeout(flush, s.delayMs).unref();
    else setImmediate(flush);
  };
  const add = (labels: Labels, entries: readonly LogEntry[]): void => {
    const forStream = pipeline.forStream(labels);
    for (const e of entries) {
      const out = forStream.process(e.tsNs, e.line, e.metadata);
      if (out === undefined) continue;
      if (ws.bufferedAmount > maxBufferedBytes) {
        if (dropped.length < maxDroppedListed) dropped.push({ labels: sortLabels(out.labels), timestamp: e.tsNs.toString() });
        continue;
      }
      let o = pending.get(out.key);
      if (!o) pending.set(out.key, (o = { stream: sortLabels(out.labels), values: [] }));
      o.values.push([e.tsNs.toString(), out.line]);
    }
    schedule();
  };

  const unsubscribe = deps.store.tail(s.tenant, s.expr.selector, add);
  const ping = setInterval(() => {
    if (ws.readyState === ws.OPEN) ws.ping();
  }, 1000);
  ping.unref();
  ws.once('close', () => {
    unsubscribe();
    clearInterval(ping);
  });

  // Best-effort replay of the past, oldest first; live lines that arrive meanwhile wait in `pending`.
  const replay = new Map<string, Outgoing>();
  if (s.startNs < s.startedNs) {
    const past = await deps.engine.query({ tenant: s.tenant, query: s.query, startNs: s.startNs, endNs: s.startedNs, stepMs: 1000, instant: false, limit: s.limit, direction: 'backward' });
    if (past.resultType === 'streams') {
      for (const st of past.streams) {
        const values = st.entries.map((e): [string, string] => [e.tsNs.toString(), e.line]).reverse();
        if (values.length) replay.set(formatLabels(st.labels), { stream: sortLabels(st.labels), values });
      }
    }
  }
  for (const [key, o] of pending) {
    const existing = replay.get(key);
    if (existing) existing.values.push(...o.values);
    else replay.set(key, o);
  }
  pending = replay;
  replayed = true;
  flush();
}

/** A websocket close reason is at most 123 bytes. */
function truncateReason(text: string): string {
  const buf = Buffer.from(text);
  return buf.length <= 123 ? text : buf.subarray(0, 120).toString('utf8') + '...';
}

