import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../core/index.js';

/**
 * Loki's `limits_config` defaults (loki-http-api.md §0.6) for what the store
 * enforces at push time. Byte sizes are bytes; durations are milliseconds.
 */
export interface IngestLimits {
  /** `max_line_size` (0 = no limit). */
  readonly maxLineSizeBytes: number;
  /** `max_line_size_truncate`: cut long lines instead of rejecting them. */
  readonly maxLineSizeTruncate: boolean;
  readonly maxLabelNameLength: number;
  readonly maxLabelValueLength: number;
  /** `max_label_names_per_series` (`service_name` is not counted). */
  readonly maxLabelNamesPerSeries: number;
  /** `ingestion_rate_mb` × 2^20 (per tenant, bytes per second). */
  readonly ingestionRateBytes: number;
  /** `ingestion_burst_size_mb` × 2^20. */
  readonly ingestionBurstBytes: number;
  /** `per_stream_rate_limit` (bytes per second). */
  readonly perStreamRateBytes: number;
  /** `per_stream_rate_limit_burst`. */
  readonly perStreamBurstBytes: number;
  readonly rejectOldSamples: boolean;
  /** `reject_old_samples_max_age`. */
  readonly rejectOldSamplesMaxAgeMs: number;
  /** `creation_grace_period`: entries newer than now + this are rejected. */
  readonly creationGracePeriodMs: number;
  /** `max_chunk_age`; entries older than the stream's newest − half of it are too far behind. */
  readonly maxChunkAgeMs: number;
  /** `max_global_streams_per_user` (0 = no limit). */
  readonly maxStreamsPerTenant: number;
  readonly allowStructuredMetadata: boolean;
  readonly maxStructuredMetadataBytes: number;
  readonly maxStructuredMetadataEntries: number;
  /** Loki ≥ 3 adds `service_name` to streams without one (`discover_service_name`). */
  readonly discoverServiceName: readonly string[];
  /** Entries listed per stream in an out-of-order/rate 4xx body (`max_returned_stream_errors`). */
  readonly maxReturnedStreamErrors: number;
}

export const defaultIngestLimits: IngestLimits = {
  maxLineSizeBytes: 256 * 1024,
  maxLineSizeTruncate: false,
  maxLabelNameLength: 1024,
  maxLabelValueLength: 2048,
  maxLabelNamesPerSeries: 15,
  ingestionRateBytes: 4 * 1024 * 1024,
  ingestionBurstBytes: 6 * 1024 * 1024,
  perStreamRateBytes: 3 * 1024 * 1024,
  perStreamBurstBytes: 15 * 1024 * 1024,
  rejectOldSamples: true,
  rejectOldSamplesMaxAgeMs: 7 * 24 * 3600_000,
  creationGracePeriodMs: 10 * 60_000,
  maxChunkAgeMs: 2 * 3600_000,
  maxStreamsPerTenant: 5000,
  allowStructuredMetadata: true,
  maxStructuredMetadataBytes: 64 * 1024,
  maxStructuredMetadataEntries: 128,
  discoverServiceName: [
    'service', 'app', 'application', 'app_name', 'name', 'app_kubernetes_io_name', 'container', 'container_name',
    'k8s_container_name', 'component', 'workload', 'job', 'k8s_job_name',
  ],
  maxReturnedStreamErrors: 10,
};

export type ChunkCodecName = 'snappy' | 'deflate' | 'none';

export interface StoreOptions {
  /** Default: $XDG_DATA_HOME/watchpost or ~/.local/share/watchpost. */
  readonly dataDir?: string | undefined;
  /** Per-tenant overrides are merged over `limits`. */
  readonly limits?: Partial<IngestLimits> | undefined;
  readonly tenantLimits?: Readonly<Record<string, Partial<IngestLimits>>> | undefined;
  /** Retention per tenant in ms; 0 keeps data forever (Loki's default). */
  readonly retentionPeriodMs?: number | undefined;
  readonly tenantRetentionPeriodMs?: Readonly<Record<string, number>> | undefined;
  /** Delete requests are applied to chunks this long after they were received (`delete_request_cancel_period`, 24h). */
  readonly deleteRequestCancelPeriodMs?: number | undefined;
  /** Uncompressed line bytes at which a head is cut into a chunk. */
  readonly maxChunkBytes?: number | undefined;
  /** Line bytes in all heads together past which the largest heads are cut (bounds memory with many streams). */
  readonly maxHeadBytes?: number | undefined;
  /** Uncompressed bytes per compressed block inside a chunk. */
  readonly blockBytes?: number | undefined;
  /** A head idle for this long is cut (`chunk_idle_period`). */
  readonly chunkIdlePeriodMs?: number | undefined;
  /**
   * Block compression. Default deflate (raw, level 1): on bench-like lines it
   * measured ~1.5x faster than the snappy binding both ways and 8.4x vs 5.2x
   * smaller (see bench/store-engine.mjs and the report of issue #6).
   */
  readonly chunkCodec?: ChunkCodecName | undefined;
  /** WAL segment size at which a new segment starts. */
  readonly walSegmentBytes?: number | undefined;
  /** Zero-fill WAL segments ahead of use so fdatasync does not also flush the file size (default true). */
  readonly walPreallocate?: boolean | undefined;
  /** When the WAL holds more than this, the heads holding its oldest segment are cut. */
  readonly walMaxBytes?: number | undefined;
  /** Decoded chunks kept in memory (line bytes, approximate). */
  readonly chunkCacheBytes?: number | undefined;
  /** How often heads are checked for age/idleness, the WAL truncated and retention applied. */
  readonly maintenanceIntervalMs?: number | undefined;
  /** Injected clock (ms since the epoch); tests step it. */
  readonly now?: (() => number) | undefined;
  readonly logger?: Logger | undefined;
  /** false skips fsync (benchmarks of the CPU path only; never in production). */
  readonly fsync?: boolean | undefined;
}

export interface ResolvedStoreOptions {
  readonly dataDir: string;
  readonly limits: IngestLimits;
  readonly tenantLimits: Readonly<Record<string, Partial<IngestLimits>>>;
  readonly retentionPeriodMs: number;
  readonly tenantRetentionPeriodMs: Readonly<Record<string, number>>;
  readonly deleteRequestCancelPeriodMs: number;
  readonly maxChunkBytes: number;
  readonly maxHeadBytes: number;
  readonly blockBytes: number;
  readonly chunkIdlePeriodMs: number;
  readonly chunkCodec: ChunkCodecName;
  readonly walSegmentBytes: number;
  readonly walPreallocate: boolean;
  readonly walMaxBytes: number;
  readonly chunkCacheBytes: number;
  readonly maintenanceIntervalMs: number;
  readonly now: () => number;
  readonly logger: Logger | undefined;
  readonly fsync: boolean;
}

/** The per-user default data directory (XDG base directory spec). */
export function resolveDefaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_DATA_HOME;
  if (xdg !== undefined && xdg !== '') return join(xdg, 'watchpost');
  return join(homedir(), '.local', 'share', 'watchpost');
}

export function resolveStoreOptions(options: StoreOptions): ResolvedStoreOptions {
  return {
    dataDir: options.dataDir ?? resolveDefaultDataDir(),
    limits: { ...defaultIngestLimits, ...options.limits },
    tenantLimits: options.tenantLimits ?? {},
    retentionPeriodMs: options.retentionPeriodMs ?? 0,
    tenantRetentionPeriodMs: options.tenantRetentionPeriodMs ?? {},
    deleteRequestCancelPeriodMs: options.deleteRequestCancelPeriodMs ?? 24 * 3600_000,
    maxChunkBytes: options.maxChunkBytes ?? 2 * 1024 * 1024,
    maxHeadBytes: options.maxHeadBytes ?? 128 * 1024 * 1024,
    blockBytes: options.blockBytes ?? 256 * 1024,
    chunkIdlePeriodMs: options.chunkIdlePeriodMs ?? 30 * 60_000,
    chunkCodec: options.chunkCodec ?? 'deflate',
    walSegmentBytes: options.walSegmentBytes ?? 32 * 1024 * 1024,
    walPreallocate: options.walPreallocate ?? true,
    walMaxBytes: options.walMaxBytes ?? 512 * 1024 * 1024,
    chunkCacheBytes: options.chunkCacheBytes ?? 384 * 1024 * 1024,
    maintenanceIntervalMs: options.maintenanceIntervalMs ?? 10_000,
    now: options.now ?? Date.now,
    logger: options.logger,
    fsync: options.fsync ?? true,
  };
}

/** The limits in force for one tenant. */
export function limitsForTenant(options: ResolvedStoreOptions, tenant: string): IngestLimits {
  const override = options.tenantLimits[tenant];
  return override === undefined ? options.limits : { ...options.limits, ...override };
}
