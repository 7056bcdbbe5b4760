import { formatLabels, type Labels } from '../../core/index.js';
import type { Engine, QueryRequest, QueryResult, Sample } from '../../logql/index.js';
import type { RemoteLokiClient } from './remote-loki-client.js';

type ApiData =
  | { resultType: 'streams'; result: Array<{ stream: Labels; values: Array<[string, string, ...unknown[]]> }> }
  | { resultType: 'vector'; result: Array<{ metric: Labels; value: [number, string] }> }
  | { resultType: 'matrix'; result: Array<{ metric: Labels; values: Array<[number, string]> }> }
  | { resultType: 'scalar'; result: [number, string] };

const toMs = (sec: number): number => Math.round(sec * 1000);

/** Turns a Loki API `data` object back into the engine's result shape (so the server encodes it unchanged). */
export function decodeQueryData(data: ApiData): QueryResult {
  switch (data.resultType) {
    case 'streams':
      return {
        resultType: 'streams',
        streams: data.result.map((s) => ({ labels: s.stream, key: formatLabels(s.stream), entries: s.values.map(([ts, line]) => ({ tsNs: BigInt(ts), line })) })),
      };
    case 'vector':
      return { resultType: 'vector', samples: data.result.map((s) => ({ labels: s.metric, key: formatLabels(s.metric), tsMs: toMs(s.value[0]), value: Number(s.value[1]) })) };
    case 'matrix':
      return {
        resultType: 'matrix',
        series: data.result.map((s) => ({ labels: s.metric, key: formatLabels(s.metric), points: s.values.map(([ts, v]) => ({ tsMs: toMs(ts), value: Number(v) })) })),
      };
    case 'scalar':
      return { resultType: 'scalar', tsMs: toMs(data.result[0]), value: Number(data.result[1]) };
  }
}

/**
 * An Engine that asks a remote Loki: queries are evaluated there (its LogQL,
 * its data) and the answers come back in Watchpost's result types, so the
 * server, the ruler and the UI work unchanged on top of a Loki cluster.
 */
export function createRemoteEngine(client: RemoteLokiClient): Engine {
  async function query(req: QueryRequest): Promise<QueryResult> {
    const params = new URLSearchParams({ query: req.query, limit: String(req.limit), direction: req.direction });
    if (req.instant) {
      params.set('time', req.startNs.toString());
      return decodeQueryData(await client.getData<ApiData>(req.tenant, '/loki/api/v1/query', params));
    }
    params.set('start', req.startNs.toString());
    params.set('end', req.endNs.toString());
    params.set('step', `${req.stepMs / 1000}`);
    if (req.intervalMs !== undefined) params.set('interval', `${req.intervalMs / 1000}`);
    return decodeQueryData(await client.getData<ApiData>(req.tenant, '/loki/api/v1/query_range', params));
  }
  return {
    query,
    async instantVector(tenant, text, tsMs): Promise<Sample[]> {
      const ns = BigInt(tsMs) * 1_000_000n;
      const result = await query({ tenant, query: text, startNs: ns, endNs: ns, stepMs: 0, instant: true, limit: 100, direction: 'forward' });
      if (result.resultType === 'vector') return [...result.samples];
      if (result.resultType === 'scalar') return [{ labels: {}, key: '{}', tsMs: result.tsMs, value: result.value }];
      throw new Error('rule result is not a vector or scalar');
    },
  };
}
