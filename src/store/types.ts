import type { Labels } from '../core/index.js';
import type { Querier, LogEntry, StreamSelector } from '../logql/index.js';

/**
 * The store as the HTTP layer, the ruler and `watchpost up` see it. It is a
 * LogQL `Querier` plus ingestion and the metadata endpoints.
 */
export interface Store extends Querier {
  /**
   * Validates and appends; resolves only once every accepted entry is durable
   * (WAL fsync). Rejects with a WatchpostError whose message is Loki's text
   * (400 validation, 429 rate limit, 5xx storage) — entries valid in a
   * partially invalid push are still stored, as in Loki.
   */
  push(tenant: string, streams: readonly PushStream[]): Promise<void>;
  labelNames(tenant: string, range: TimeRange, selector?: StreamSelector): Promise<string[]>;
  labelValues(tenant: string, name: string, range: TimeRange, selector?: StreamSelector): Promise<string[]>;
  series(tenant: string, selectors: readonly StreamSelector[], range: TimeRange): Promise<Labels[]>;
  stats(tenant: string, selector: StreamSelector, range: TimeRange): Promise<IndexStats>;
  /** Subscribes to entries accepted after the call; returns the unsubscribe function. */
  tail(tenant: string, selector: StreamSelector, onEntries: (stream: Labels, entries: readonly LogEntry[]) => void): () => void;
  close(): Promise<void>;
}

export interface PushStream {
  readonly labels: Labels;
  readonly entries: readonly LogEntry[];
}

export interface TimeRange {
  readonly startNs: bigint;
  readonly endNs: bigint;
}

export interface IndexStats {
  readonly streams: number;
  readonly chunks: number;
  readonly entries: number;
  readonly bytes: number;
}
