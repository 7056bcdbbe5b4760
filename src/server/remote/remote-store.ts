import WebSocket from 'ws';
import { formatLabels, type Labels } from '../../core/index.js';
import { printSelector, type LogEntry, type SelectLogsParams, type StreamEntries, type StreamSelector } from '../../logql/index.js';
import type { IndexStats, PushStream, Store, TimeRange } from '../../store/types.js';
import type { RemoteLokiClient } from './remote-loki-client.js';

/**
 * The Store interface over a remote Loki's HTTP API (`watchpost up` with an
 * external Loki): pushes go to its push endpoint (acknowledged when it
 * answers), label/series/stats questions to its index endpoints, tails to its
 * tail websocket. Query evaluation goes to the remote engine instead
 * (createRemoteEngine); `selectLogs` is a best effort of at most 5000 entries
 * per stream batch for the callers that still read raw entries.
 */
export function createRemoteStore(client: RemoteLokiClient): Store {
  const range = (r: TimeRange): URLSearchParams => new URLSearchParams({ start: r.startNs.toString(), end: r.endNs.toString() });
  return {
    async push(tenant: string, streams: readonly PushStream[]): Promise<void> {
      const body = JSON.stringify({
        streams: streams.map((s) => ({
          stream: s.labels,
          values: s.entries.map((e) => (e.metadata ? [e.tsNs.toString(), e.line, e.metadata] : [e.tsNs.toString(), e.line])),
        })),
      });
      await client.post(tenant, '/loki/api/v1/push', body, 'application/json');
    },
    async labelNames(tenant, r, selector) {
      const params = range(r);
      if (selector) params.set('query', printSelector(selector));
      return (await client.getData<string[] | null>(tenant, '/loki/api/v1/labels', params)) ?? [];
    },
    async labelValues(tenant, name, r, selector) {
      const params = range(r);
      if (selector) params.set('query', printSelector(selector));
      return (await client.getData<string[] | null>(tenant, `/loki/api/v1/label/${encodeURIComponent(name)}/values`, params)) ?? [];
    },
    async series(tenant, selectors, r) {
      const params = range(r);
      for (const s of selectors) params.append('match[]', printSelector(s));
      return (await client.getData<Labels[] | null>(tenant, '/loki/api/v1/series', params)) ?? [];
    },
    async stats(tenant, selector, r): Promise<IndexStats> {
      const params = range(r);
      params.set('query', printSelector(selector));
      const url = `${client.options.url.replace(/\/+$/, '')}/loki/api/v1/index/stats?${params.toString()}`;
      const response = await fetch(url, { headers: client.headers(tenant) });
      if (!response.ok) return { streams: 0, chunks: 0, entries: 0, bytes: 0 };
      return (await response.json()) as IndexStats;
    },
    async *selectLogs(params: SelectLogsParams): AsyncGenerator<StreamEntries> {
      const query = new URLSearchParams({
        query: printSelector(params.selector),
        start: params.startNs.toString(),
        end: params.endNs.toString(),
        limit: '5000',
        direction: params.direction,
      });
      const data = await client.getData<{ result: Array<{ stream: Labels; values: Array<[string, string]> }> }>(params.tenant, '/loki/api/v1/query_range', query);
      for (const s of data.result) {
        yield { labels: s.stream, key: formatLabels(s.stream), entries: s.values.map(([ts, line]) => ({ tsNs: BigInt(ts), line })), filtered: false };
      }
    },
    tail(tenant: string, selector: StreamSelector, onEntries: (stream: Labels, entries: readonly LogEntry[]) => void): () => void {
      const base = client.options.url.replace(/\/+$/, '').replace(/^http/, 'ws');
      const params = new URLSearchParams({ query: printSelector(selector), start: `${Date.now()}000000`, delay_for: '0' });
      const socket = new WebSocket(`${base}/loki/api/v1/tail?${params.toString()}`, { headers: client.headers(tenant) });
      socket.on('message', (data) => {
        try {
          const message = JSON.parse(String(data)) as { streams?: Array<{ stream: Labels; values: Array<[string, string]> }> };
          for (const s of message.streams ?? []) onEntries(s.stream, s.values.map(([ts, line]) => ({ tsNs: BigInt(ts), line })));
        } catch {
          // not a tail frame
        }
      });
      socket.on('error', () => undefined);
      return () => socket.close();
    },
    async close() {
      // Nothing held open: each request is its own.
    },
  };
}
