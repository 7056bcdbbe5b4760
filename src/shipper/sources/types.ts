import type { Logger } from '../../core/index.js';
import type { ShipperMetrics } from '../metrics.js';
import type { Positions } from './positions.js';

/** The pipeline of one scrape config, as sources see it (stages and delivery behind it). */
export interface EntryPipeline {
  readonly jobName: string;
}

/** What the runtime gives sources. */
export interface SourceContext {
  readonly metrics: ShipperMetrics;
  readonly logger: Logger;
  readonly positions: Positions;
  /**
   * Runs one read line through `pipeline` and on to delivery (synchronously);
   * returns the seq it was given. `tsNs` defaults to the read time.
   */
  emit(pipeline: EntryPipeline, labels: Record<string, string>, line: string, tsNs?: bigint): number;
  /** Resolves when delivery can take more (backpressure); sources await it before reading more. */
  waitWritable(): Promise<void>;
  /** The read time of a line: wall clock in ns, strictly increasing within the process. */
  nowNs(): bigint;
}

/** A source of lines: files, the journal, syslog, stdin. */
export interface Source {
  /** Begins reading. */
  start(): void;
  /**
   * Records in the positions how far every line with a seq below `frontier`
   * goes (everything below it was handed over).
   */
  commit(frontier: number): void;
  /** Stops reading; nothing is emitted after it resolves. */
  stop(): Promise<void>;
  /** For a backfill (`--once`): resolves when everything there was at start has been read. */
  readToEnd?(): Promise<void>;
}
