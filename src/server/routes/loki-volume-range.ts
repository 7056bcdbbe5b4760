import { formatLabels } from '../../core/index.js';
import { encodeQueryData, parseLogSelector, printSelector, type Engine, type MatrixResult } from '../../logql/index.js';
import type { Route, RouteContext } from '../http/app.js';
import { nowNs, parseRangeQuery } from '../http/params.js';
import { sendJsonText } from '../http/reply.js';
import { encodeGoJson } from './go-json.js';
import { parseVolumeParams } from './volume-params.js';

/**
 * `GET|POST /loki/api/v1/index/volume_range` (Grafana's logs-volume
 * histogram): the bytes of the matching streams per `step`, grouped by the
 * selector's label names (or `targetLabels`), the `limit` biggest series.
 * Evaluated as `sum by (…) (bytes_over_time(<selector>[<step>]))`, which is
 * what the volume of a step is.
 */
export function createVolumeRangeRoutes(deps: { engine: Engine }): Route[] {
  const handle = async (ctx: RouteContext): Promise<void> => {
    const form = await ctx.form();
    const p = parseRangeQuery(form, nowNs());
    const selector = parseLogSelector(p.query, { validate: true }).selector;
    const { limit, names } = parseVolumeParams(form, selector);
    const stepMs = Math.max(1, Math.ceil(p.stepMs));
    const query = `sum by (${names.join(', ')}) (bytes_over_time(${printSelector(selector)}[${stepMs}ms]))`;
    const result = (await deps.engine.query({ tenant: ctx.tenant, query, startNs: p.startNs, endNs: p.endNs, stepMs: p.stepMs, instant: false, limit: p.limit, direction: p.direction, signal: ctx.signal })) as MatrixResult;
    const total = (s: MatrixResult['series'][number]): number => s.points.reduce((a, x) => a + x.value, 0);
    const series = [...result.series].sort((a, b) => total(b) - total(a) || (formatLabels(a.labels) < formatLabels(b.labels) ? -1 : 1)).slice(0, Math.max(0, limit));
    const data = encodeQueryData({ resultType: 'matrix', series });
    sendJsonText(ctx.res, 200, `${encodeGoJson({ status: 'success', data: { resultType: data.resultType, result: data.result } })}\n`);
  };
  return [{ method: ['GET', 'POST'], path: '/loki/api/v1/index/volume_range', access: 'read', handle }];
}
