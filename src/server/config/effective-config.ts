import { formatPromDuration } from '../../core/go/index.js';
import { defaultQueryLimits, type QueryLimits } from '../../logql/index.js';
import { defaultIngestLimits, resolveDefaultDataDir, type IngestLimits } from '../../store/index.js';
import { defaultMaxBodyBytes } from '../http/body.js';
import { defaultQueryTimeoutMs } from '../routes/loki-query.js';
import type { ServerConfig } from './server-config.js';

/** What `watchpost server` runs with, beyond the file. */
export interface EffectiveSettings {
  readonly authEnabled: boolean;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string | undefined;
}

/**
 * The configuration `/config` shows, in Loki's YAML shape and key names:
 * `auth_enabled`, `server`, `common.path_prefix`, `distributor`,
 * `limits_config` (every limit Watchpost enforces, Loki's units: MB, bytes,
 * durations as Prometheus strings) and the `auth` section as configured
 * (secrets are redacted by the route). `defaults` gives the same shape with
 * nothing configured (`?mode=defaults`, `?mode=diffs`).
 */
export function buildEffectiveConfig(file: ServerConfig | undefined, settings: EffectiveSettings): Record<string, unknown> {
  const limits: IngestLimits = { ...defaultIngestLimits, ...(file?.limits as Partial<IngestLimits> | undefined) };
  const query: QueryLimits = { ...defaultQueryLimits, ...(file?.queryLimits as Partial<QueryLimits> | undefined) };
  const out: Record<string, unknown> = {
    auth_enabled: settings.authEnabled,
    server: {
      http_listen_address: settings.host,
      http_listen_port: settings.port,
      ...(file?.tls ? { http_tls_config: { cert_file: file.tls.certFile, key_file: file.tls.keyFile } } : {}),
    },
    common: { path_prefix: settings.dataDir ?? resolveDefaultDataDir() },
    distributor: { max_recv_msg_size: file?.maxBodyBytes ?? defaultMaxBodyBytes },
    limits_config: {
      ingestion_rate_mb: limits.ingestionRateBytes / (1024 * 1024),
      ingestion_burst_size_mb: limits.ingestionBurstBytes / (1024 * 1024),
      per_stream_rate_limit: limits.perStreamRateBytes,
      per_stream_rate_limit_burst: limits.perStreamBurstBytes,
      max_line_size: limits.maxLineSizeBytes,
      max_line_size_truncate: limits.maxLineSizeTruncate,
      max_label_name_length: limits.maxLabelNameLength,
      max_label_value_length: limits.maxLabelValueLength,
      max_label_names_per_series: limits.maxLabelNamesPerSeries,
      reject_old_samples: limits.rejectOldSamples,
      reject_old_samples_max_age: formatPromDuration(limits.rejectOldSamplesMaxAgeMs * 1e6),
      creation_grace_period: formatPromDuration(limits.creationGracePeriodMs * 1e6),
      max_global_streams_per_user: limits.maxStreamsPerTenant,
      allow_structured_metadata: limits.allowStructuredMetadata,
      max_structured_metadata_size: limits.maxStructuredMetadataBytes,
      max_structured_metadata_entries_count: limits.maxStructuredMetadataEntries,
      discover_service_name: [...limits.discoverServiceName],
      max_entries_limit_per_query: query.maxEntriesLimitPerQuery,
      max_query_series: query.maxQuerySeries,
      max_query_length: formatPromDuration(query.maxQueryLengthMs * 1e6),
      max_query_range: formatPromDuration(query.maxQueryRangeMs * 1e6),
      query_timeout: formatPromDuration((file?.queryTimeoutMs ?? defaultQueryTimeoutMs) * 1e6),
      retention_period: formatPromDuration((file?.retentionPeriodMs ?? 0) * 1e6),
    },
  };
  if (file?.raw.auth !== undefined) out.auth = file.raw.auth;
  return out;
}
