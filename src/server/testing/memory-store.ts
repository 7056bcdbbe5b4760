import { WatchpostError, formatLabels, type Labels } from '../../core/index.js';
import { compileSelectorMatchers, type LogEntry, type SelectLogsParams, type StreamEntries, type StreamSelector } from '../../logql/index.js';
import type { IndexStats, PushStream, Store, TimeRange } from '../../store/index.js';

/**
 * An in-memory `Store` for fast API tests: no durability, no limits beyond
 * what a test asks for. It keeps entries sorted per stream, drops an entry
 * identical to the stream's previous one (Loki's dedup) and feeds tails
 * after each push. `failNext` makes the next push reject with a given error.
 */
export interface MemoryStore extends Store {
  /** Every accepted push, in order (tests assert that nothing changed). */
  readonly pushes: { tenant: string; streams: readonly PushStream[] }[];
  failNext(err: Error): void;
  /** Entries of one tenant, all streams, as `key → entries` (test helper). */
  dump(tenant: string): Map<string, LogEntry[]>;
}

interface StreamData {
  readonly labels: Labels;
  readonly key: string;
  readonly entries: LogEntry[];
}

interface Subscription {
  readonly tenant: string;
  readonly matches: (labels: Labels) => boolean;
  readonly onEntries: (stream: Labels, entries: readonly LogEntry[]) => void;
}

export function createMemoryStore(): MemoryStore {
  const tenants = new Map<string, Map<string, StreamData>>();
  const subscriptions = new Set<Subscription>();
  const pushes: { tenant: string; streams: readonly PushStream[] }[] = [];
  let failure: Error | undefined;

  const streamsOf = (tenant: string): Map<string, StreamData> => {
    let m = tenants.get(tenant);
    if (!m) tenants.set(tenant, (m = new Map()));
    return m;
  };
  const select = (tenant: string, selector: StreamSelector | undefined): StreamData[] => {
    const matches = compileSelector(selector);
    return [...(tenants.get(tenant)?.values() ?? [])].filter((s) => matches(s.labels));
  };
  const inRange = (s: StreamData, range: TimeRange): boolean => s.entries.some((e) => e.tsNs >= range.startNs && e.tsNs < range.endNs);

  return {
    pushes,
    failNext(err) {
      failure = err;
    },
    dump(tenant) {
      return new Map([...(tenants.get(tenant)?.values() ?? [])].map((s) => [s.key, [...s.entries]]));
    },
    async push(tenant, streams) {
      if (failure) {
        const err = failure;
        failure = undefined;
        throw err;
      }
      for (const s of streams) {
        if (Object.keys(s.labels).length === 0) throw new WatchpostError('ERR_INGEST_INVALID', 'error at least one label pair is required per stream');
      }
      pushes.push({ tenant, streams });
      const m = streamsOf(tenant);
      for (const s of streams) {
        if (s.entries.length === 0) continue;
        const key = formatLabels(s.labels);
        let data = m.get(key);
        if (!data) m.set(key, (data = { labels: s.labels, key, entries: [] }));
        const accepted: LogEntry[] = [];
        for (const e of s.entries) {
          const last = data.entries[data.entries.length - 1];
          if (last && last.tsNs === e.tsNs && last.line === e.line) continue;
          data.entries.push(e);
          accepted.push(e);
        }
        data.entries.sort((a, b) => (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0));
        for (const sub of subscriptions) if (sub.tenant === tenant && sub.matches(data.labels) && accepted.length) sub.onEntries(data.labels, accepted);
      }
    },
    async *selectLogs(params: SelectLogsParams): AsyncIterable<StreamEntries> {
      for (const s of select(params.tenant, params.selector)) {
        let entries = s.entries.filter((e) => e.tsNs >= params.startNs && e.tsNs < params.endNs);
        if (params.lineFilter) entries = entries.filter((e) => (params.lineFilter as (l: string) => boolean)(e.line));
        if (params.direction === 'backward') entries.reverse();
        if (entries.length) yield { labels: s.labels, key: s.key, entries, filtered: params.lineFilter !== undefined };
      }
    },
    async labelNames(tenant, range, selector) {
      const names = new Set<string>();
      for (const s of select(tenant, selector)) if (inRange(s, range)) for (const n of Object.keys(s.labels)) names.add(n);
      return [...names].sort();
    },
    async labelValues(tenant, name, range, selector) {
      const values = new Set<string>();
      for (const s of select(tenant, selector)) {
        const v = s.labels[name];
        if (v !== undefined && inRange(s, range)) values.add(v);
      }
      return [...values].sort();
    },
    async series(tenant, selectors, range) {
      const out = new Map<string, Labels>();
      for (const sel of selectors.length ? selectors : [undefined]) {
        for (const s of select(tenant, sel)) if (inRange(s, range)) out.set(s.key, s.labels);
      }
      return [...out.values()];
    },
    async stats(tenant, selector, range): Promise<IndexStats> {
      let streams = 0;
      let entries = 0;
      let bytes = 0;
      for (const s of select(tenant, selector)) {
        const hit = s.entries.filter((e) => e.tsNs >= range.startNs && e.tsNs < range.endNs);
        if (!hit.length) continue;
        streams++;
        entries += hit.length;
        for (const e of hit) bytes += Buffer.byteLength(e.line);
      }
      return { streams, chunks: streams, entries, bytes };
    },
    tail(tenant, selector, onEntries) {
      const sub: Subscription = { tenant, matches: compileSelector(selector), onEntries };
      subscriptions.add(sub);
      return () => subscriptions.delete(sub);
    },
    async close() {
      subscriptions.clear();
    },
  };
}

function compileSelector(selector: StreamSelector | undefined): (labels: Labels) => boolean {
  return selector ? compileSelectorMatchers(selector) : () => true;
}
