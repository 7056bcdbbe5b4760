import type { Registry } from 'prom-client';
import type { Logger } from '../../core/index.js';

/**
 * The contract between promtail-compatible pipeline stages and the shipper's
 * runtime (sources, batching, delivery).
 *
 * An entry flows through the stages in order. Unlike promtail, stages do not
 * mutate a shared entry in place behind each other's back: each stage receives
 * an entry it owns and pushes the entries it outputs (the same object, a
 * changed one, several, or none) onto `out`.
 */
export interface PipelineEntry {
  /** Stream labels; owned by this entry (copy before sharing). */
  labels: Record<string, string>;
  /** promtail's "extracted" map, filled by parsing stages. */
  extracted: Record<string, unknown>;
  /** Entry time, Unix nanoseconds. */
  tsNs: bigint;
  line: string;
  /** Set by the `tenant` stage; undefined means the client's tenant. */
  tenant?: string | undefined;
  /** Structured metadata (the `structured_metadata` stage); sent with the entry. */
  metadata?: Record<string, string> | undefined;
  /**
   * Delivery bookkeeping from the source: stages copy it unchanged; a stage
   * that merges entries (multiline) gives the merged entry the newest one's.
   */
  readonly source: EntrySource;
}

/** Where an entry came from; the runtime advances positions from it. */
export interface EntrySource {
  /** Monotonic per source (file, journal, …). */
  readonly seq: number;
}

export interface Stage {
  /** Processes one entry and pushes what it outputs onto `out` (drop = push nothing). */
  process(entry: PipelineEntry, out: PipelineEntry[]): void;
  /**
   * Releases entries held back (multiline's max_wait_time). The runtime calls
   * it every 100 ms with the current time, and with force=true at shutdown.
   */
  flush?(nowMs: number, out: PipelineEntry[], force: boolean): void;
  /** The smallest `source.seq` the stage still holds, so positions never pass it. */
  heldMinSeq?(): number | undefined;
}

/** What building a stage may use. */
export interface StageContext {
  /** promtail_custom_* metrics register here (the shipper's /metrics). */
  readonly registry: Registry;
  readonly jobName: string;
  readonly logger: Logger;
  /** Clock for stages that need one (limit, multiline); tests inject a fake. */
  readonly nowMs: () => number;
}
