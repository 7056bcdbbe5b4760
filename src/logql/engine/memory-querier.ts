import { formatLabels, type Labels } from '../../core/index.js';
import { compileSelectorMatchers } from '../pipeline/index.js';
import type { LogEntry, Querier, SelectLogsParams, StreamEntries } from './querier.js';

/** An in-memory `Querier` for tests (engine, ruler): push entries, then query them. */
export interface MemoryQuerier extends Querier {
  /** Adds entries to the stream `labels` of `tenant` (any order; kept sorted by time). */
  push(tenant: string, labels: Labels, entries: readonly LogEntry[]): void;
}

export interface MemoryQuerierOptions {
  /** Entries per yielded batch (default 1000): small values exercise batch handling. */
  readonly batchSize?: number;
  /** Whether the pushed-down line filter is applied (`filtered: true`); default true. */
  readonly applyLineFilter?: boolean;
}

interface MemoryStream {
  readonly labels: Labels;
  readonly key: string;
  entries: LogEntry[];
  sorted: boolean;
}

export function createMemoryQuerier(options: MemoryQuerierOptions = {}): MemoryQuerier {
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const applyLineFilter = options.applyLineFilter ?? true;
  const tenants = new Map<string, Map<string, MemoryStream>>();

  function push(tenant: string, labels: Labels, entries: readonly LogEntry[]): void {
    let streams = tenants.get(tenant);
    if (streams === undefined) {
      streams = new Map();
      tenants.set(tenant, streams);
    }
    const key = formatLabels(labels);
    let stream = streams.get(key);
    if (stream === undefined) {
      stream = { labels: { ...labels }, key, entries: [], sorted: true };
      streams.set(key, stream);
    }
    for (const entry of entries) {
      const last = stream.entries[stream.entries.length - 1];
      if (last !== undefined && entry.tsNs < last.tsNs) stream.sorted = false;
      stream.entries.push(entry);
    }
  }

  async function* selectLogs(params: SelectLogsParams): AsyncGenerator<StreamEntries> {
    const streams = tenants.get(params.tenant);
    if (streams === undefined) return;
    const match = compileSelectorMatchers(params.selector);
    for (const stream of streams.values()) {
      if (!match(stream.labels)) continue;
      if (!stream.sorted) {
        stream.entries.sort((a, b) => (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0));
        stream.sorted = true;
      }
      yield* readStream(stream, params);
    }
  }

  function* readStream(stream: MemoryStream, params: SelectLogsParams): Generator<StreamEntries> {
    const entries = stream.entries;
    const lo = lowerBound(entries, params.startNs);
    const hi = lowerBound(entries, params.endNs);
    const filter = applyLineFilter ? params.lineFilter : undefined;
    const limit = filter === undefined && params.lineFilter !== undefined ? Infinity : (params.limitPerStream ?? Infinity);
    const forward = params.direction === 'forward';
    let taken = 0;
    let batch: LogEntry[] = [];
    for (let n = 0; n < hi - lo && taken < limit; n++) {
      const entry = entries[forward ? lo + n : hi - 1 - n] as LogEntry;
      if (filter !== undefined && !filter(entry.line)) continue;
      batch.push(entry);
      taken++;
      if (batch.length === batchSize) {
        yield { labels: stream.labels, key: stream.key, entries: batch, filtered: filter !== undefined };
        batch = [];
        if (params.isStreamDone?.(stream.key) === true) return;
      }
    }
    if (batch.length > 0) yield { labels: stream.labels, key: stream.key, entries: batch, filtered: filter !== undefined };
  }

  return { push, selectLogs };
}

function lowerBound(entries: readonly LogEntry[], tsNs: bigint): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid] as LogEntry).tsNs < tsNs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
