import type { Labels } from '../core/index.js';
import type { Querier, LogEntry, StreamSelector, LineFilter } from '../logql/index.js';

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

/** What the HTTP layer passes for `POST /loki/api/v1/delete` (the query already parsed). */
export interface DeleteRequestInput {
  /** The query text as sent; listed back verbatim. */
  readonly query: string;
  readonly selector: StreamSelector;
  /** Line filters after the selector (`|=`, `!=`, `|~`, `!~`), AND-ed. */
  readonly lineFilters?: readonly LineFilter[] | undefined;
  /** Inclusive bounds of the deleted range. */
  readonly startNs: bigint;
  readonly endNs: bigint;
}

/** One delete request as `GET /loki/api/v1/delete` lists it (times in Unix seconds, Loki's JSON keys). */
export interface DeleteRequestInfo {
  readonly request_id: string;
  readonly start_time: number;
  readonly end_time: number;
  readonly query: string;
  readonly status: 'received' | 'processed';
  readonly created_at: number;
  readonly user_id: string;
}

/**
 * What `createStore` returns beyond `Store`: the delete API backend and
 * operational hooks (tests and `/flush`).
 */
export interface StoreAdmin {
  /** The store always reports its writes (Querier.writeVersion): the ruler evaluates incrementally over it. */
  writeVersion(tenant: string): number;
  oldestWriteSince(tenant: string, version: number): bigint | undefined;
  /** Records a delete request; its entries disappear from every query at once. */
  addDeleteRequest(tenant: string, input: DeleteRequestInput): Promise<DeleteRequestInfo>;
  listDeleteRequests(tenant: string): Promise<DeleteRequestInfo[]>;
  /**
   * Cancels a request (`DELETE /loki/api/v1/delete?request_id=…`). Resolves
   * false for an unknown id; rejects ERR_API_BAD_REQUEST for a processed one
   * without `force`.
   */
  cancelDeleteRequest(tenant: string, requestId: string, force?: boolean): Promise<boolean>;
  /** Cuts every head into a chunk and waits until all chunks are durable (Loki's `/flush`). */
  flush(): Promise<void>;
  /** Applies retention now (it also runs on the maintenance interval). */
  applyRetention(): Promise<{ chunksDeleted: number; streamsRemoved: number }>;
  /**
   * Rewrites the chunks holding entries of delete requests older than the
   * cancel period and marks them `processed` (also on the maintenance interval).
   */
  processDeleteRequests(): Promise<{ processed: number; chunksRewritten: number }>;
}

/** The store `createStore` builds. */
export type WatchpostStore = Store & StoreAdmin;
