import { WatchpostError, formatLabels, sortLabels, type Labels } from '../../core/index.js';
import { parseLogSelector, parseSelector, type StreamSelector } from '../../logql/index.js';
import type { Store } from '../../store/index.js';
import type { Route, RouteContext } from '../http/app.js';
import { determineBounds, nowNs } from '../http/params.js';
import { sendJsonText } from '../http/reply.js';
import { encodeGoJson } from './go-json.js';
import { parseVolumeParams } from './volume-params.js';

/** Labels Loki keeps internal and never lists. */
const hiddenLabels = new Set(['__aggregated_metric__', '__pattern__']);

/**
 * Metadata endpoints: `/loki/api/v1/labels` (+ `/label`, legacy
 * `/api/prom/label`), `/label/<name>/values`, `/series`, `/index/stats`,
 * `/index/volume`. Bounds default as Loki's `determineBounds` (last hour).
 */
export function createLabelRoutes(deps: { store: Store }): Route[] {
  const labels = async (ctx: RouteContext): Promise<void> => {
    const form = await ctx.form();
    const range = determineBounds(form, nowNs());
    const selector = optionalSelector(form.get('query'));
    const names = (await deps.store.labelNames(ctx.tenant, range, selector)).filter((n) => !hiddenLabels.has(n));
    sendList(ctx, names);
  };
  const values = async (ctx: RouteContext): Promise<void> => {
    const form = await ctx.form();
    const range = determineBounds(form, nowNs());
    const selector = optionalSelector(form.get('query'));
    sendList(ctx, await deps.store.labelValues(ctx.tenant, ctx.params.name as string, range, selector));
  };
  const series = async (ctx: RouteContext): Promise<void> => {
    const form = await ctx.form();
    const range = determineBounds(form, nowNs());
    const texts = [...new Set([...form.getAll('match[]'), ...form.getAll('match')])];
    const selectors = texts.map(parseSeriesMatcher);
    if (selectors.length > 1 && selectors.some((s) => s.matchers.length === 0)) {
      throw new WatchpostError('ERR_API_BAD_REQUEST', '0 matchers in group: {}');
    }
    const found = await deps.store.series(ctx.tenant, selectors.filter((s) => s.matchers.length > 0), range);
    const data = found.map((l) => sortLabels(l)).sort((a, b) => compare(formatLabels(a), formatLabels(b)));
    sendJsonText(ctx.res, 200, `${encodeGoJson({ status: 'success', data })}\n`);
  };
  const stats = async (ctx: RouteContext): Promise<void> => {
    const form = await ctx.form();
    const range = determineBounds(form, nowNs());
    const s = await deps.store.stats(ctx.tenant, requiredSelector(form.get('query')), range);
    sendJsonText(ctx.res, 200, `${encodeGoJson({ streams: s.streams, chunks: s.chunks, bytes: s.bytes, entries: s.entries })}\n`);
  };
  const volume = async (ctx: RouteContext): Promise<void> => {
    const form = await ctx.form();
    const range = determineBounds(form, nowNs());
    const selector = requiredSelector(form.get('query'));
    const { limit, aggregateBy, names } = parseVolumeParams(form, selector);
    const groups = new Map<string, { metric: Labels; bytes: number }>();
    for (const labelsOfStream of await deps.store.series(ctx.tenant, [selector], range)) {
      const exact: StreamSelector = { kind: 'StreamSelector', matchers: Object.entries(labelsOfStream).map(([name, value]) => ({ name, op: '=' as const, value })) };
      const { bytes } = await deps.store.stats(ctx.tenant, exact, range);
      const keys = aggregateBy === 'labels' ? names.filter((n) => labelsOfStream[n] !== undefined).map((n) => ({ [n]: '' })) : [pick(labelsOfStream, names)];
      for (const metric of keys) {
        const key = formatLabels(metric);
        const g = groups.get(key) ?? { metric, bytes: 0 };
        g.bytes += bytes;
        groups.set(key, g);
      }
    }
    const endSeconds = Number(range.endNs / 1_000_000n) / 1000;
    const result = [...groups.values()]
      .sort((a, b) => b.bytes - a.bytes || compare(formatLabels(a.metric), formatLabels(b.metric)))
      .slice(0, Math.max(0, limit))
      .map((g) => ({ metric: sortLabels(g.metric), value: [endSeconds, String(g.bytes)] }));
    sendJsonText(ctx.res, 200, `${encodeGoJson({ status: 'success', data: { resultType: 'vector', result } })}\n`);
  };
  const both = ['GET', 'POST'];
  return [
    { method: both, path: '/loki/api/v1/labels', access: 'read', handle: labels },
    { method: both, path: '/loki/api/v1/label', access: 'read', handle: labels },
    { method: both, path: '/api/prom/label', access: 'read', handle: labels },
    { method: both, path: '/loki/api/v1/label/:name/values', access: 'read', handle: values },
    { method: both, path: '/api/prom/label/:name/values', access: 'read', handle: values },
    { method: both, path: '/loki/api/v1/series', access: 'read', handle: series },
    { method: both, path: '/api/prom/series', access: 'read', handle: series },
    { method: both, path: '/loki/api/v1/index/stats', access: 'read', handle: stats },
    { method: both, path: '/loki/api/v1/index/volume', access: 'read', handle: volume },
  ];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pick(labels: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const n of names) if (labels[n] !== undefined) out[n] = labels[n] as string;
  return out;
}

/** `{"status":"success","data":[…]}` with Loki's newline; `data` omitted when empty (Go's omitempty). */
function sendList(ctx: RouteContext, values: readonly string[]): void {
  sendJsonText(ctx.res, 200, `${encodeGoJson(values.length ? { status: 'success', data: values } : { status: 'success' })}\n`);
}

function optionalSelector(text: string | null): StreamSelector | undefined {
  return text === null || text === '' ? undefined : selectorOfQuery(text);
}

function requiredSelector(text: string | null): StreamSelector {
  return selectorOfQuery(text ?? '');
}

/** The stream selector of a log query (a pipeline after it is allowed and ignored), validated as Loki's ParseLogSelector(query, true). */
function selectorOfQuery(text: string): StreamSelector {
  return parseLogSelector(text, { validate: true }).selector;
}

/** A `match[]` value: a pure stream selector; the empty-matcher rule does not apply. */
function parseSeriesMatcher(text: string): StreamSelector {
  return parseSelector(text);
}
