import type { Labels } from '../../core/index.js';
import type { StreamSelector } from '../syntax/ast.js';

/**
 * How the LogQL engine reaches data (Loki's `Querier`): the store implements
 * it, tests implement it in memory. The engine never touches storage otherwise.
 */
export interface Querier {
  /**
   * Yields the entries of every stream matching `selector` with
   * `startNs <= tsNs < endNs`. A stream may be yielded several times
   * (successive batches); within one stream, batches and the entries in them
   * come in `direction` order. Streams may interleave in any order.
   */
  selectLogs(params: SelectLogsParams): AsyncIterable<StreamEntries>;
  /**
   * Optional, for results kept between queries (the ruler's incremental
   * evaluation); a querier without it is always read in full. The tenant's
   * write version: read it before selecting, and later ask `oldestWriteSince`
   * what changed after it.
   */
  writeVersion?(tenant: string): number;
  /**
   * The oldest entry timestamp (ns) made visible after `version`; undefined
   * when nothing was; a timestamp before any data (-2^63) when anything may
   * have changed (deletes, retention, or a version too old to tell).
   */
  oldestWriteSince?(tenant: string, version: number): bigint | undefined;
}

export interface SelectLogsParams {
  readonly tenant: string;
  readonly selector: StreamSelector;
  /** Inclusive. */
  readonly startNs: bigint;
  /** Exclusive. */
  readonly endNs: bigint;
  readonly direction: 'forward' | 'backward';
  /**
   * The query's leading pure line filters. The store may apply them while it
   * decodes chunks (push-down); the engine applies them again only if the
   * store reports it did not (`StreamEntries.filtered`).
   */
  readonly lineFilter?: ((line: string) => boolean) | undefined;
  /**
   * An upper bound on entries the caller will consume per stream (log
   * queries without later filtering stages); the store may stop early.
   * Counted after `lineFilter`: a querier that does not apply the filter
   * (`filtered: false`) must not stop early.
   */
  readonly limitPerStream?: number | undefined;
  /**
   * True once the caller needs no more entries of the stream `key` (a log
   * query whose later entries cannot make its answer); a querier may check it
   * between batches and stop reading that stream. Optional on both sides.
   */
  readonly isStreamDone?: ((key: string) => boolean) | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface LogEntry {
  readonly tsNs: bigint;
  readonly line: string;
  /** Structured metadata sent with the entry, if any. */
  readonly metadata?: Labels | undefined;
}

export interface StreamEntries {
  readonly labels: Labels;
  /** formatLabels(labels): the stream's identity. */
  readonly key: string;
  readonly entries: readonly LogEntry[];
  /** True when `lineFilter` was already applied to `entries`. */
  readonly filtered: boolean;
}
