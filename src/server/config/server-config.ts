import { parse as parseYaml } from 'yaml';
import { WatchpostError } from '../../core/index.js';
import { parseBytes, parsePromDuration } from '../../core/go/index.js';
import type { AuthConfig, BasicAuthGrant, TokenGrant } from '../http/auth.js';

/**
 * The `watchpost server` configuration file: a subset of Loki's YAML
 * (`auth_enabled`, `server`, `common.path_prefix`, `limits_config`,
 * `distributor`) plus Watchpost's `auth` section, which Loki leaves to a
 * proxy:
 *
 * ```yaml
 * auth:
 *   tokens:
 *     - token: s3cret            # or token_file: /etc/watchpost/token
 *       name: promtail-a
 *       tenants: [team-a]        # read and write
 *     - token: viewer
 *       read: [team-a, team-b]
 *   basic_auth:
 *     - username: grafana
 *       password: pw             # or password_sha256: <hex>
 *       read: ['*']
 * ```
 */
export interface ServerConfig {
  readonly authEnabled: boolean;
  readonly listenAddress: string | undefined;
  readonly listenPort: number | undefined;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  readonly dataDir: string | undefined;
  readonly maxBodyBytes: number | undefined;
  /** `server.log_level`. */
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | undefined;
  readonly auth: AuthConfig | undefined;
  /** Store limits in the store's option names (only what the file set). */
  readonly limits: Readonly<Record<string, number | boolean | readonly string[]>>;
  readonly retentionPeriodMs: number | undefined;
  /** Engine limits in the engine's option names (only what the file set). */
  readonly queryLimits: Readonly<Record<string, number>>;
  /** `limits_config.query_timeout`. */
  readonly queryTimeoutMs: number | undefined;
  /** The file as parsed (for /config). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Loki's top-level sections: Watchpost reads a few and accepts the rest (an existing loki-local-config.yaml loads). */
const knownTopLevel = new Set([
  'auth_enabled', 'server', 'common', 'limits_config', 'distributor', 'auth', 'target', 'storage_config', 'schema_config', 'ingester',
  'ingester_client', 'compactor', 'ruler', 'query_range', 'frontend', 'frontend_worker', 'querier', 'query_scheduler', 'analytics',
  'pattern_ingester', 'memberlist', 'table_manager', 'chunk_store_config', 'runtime_config', 'tracing', 'index_gateway',
  'bloom_gateway', 'bloom_build', 'operational_config', 'overrides_exporter', 'kafka_config', 'ingest_limits', 'ui',
]);

type Kind = 'bytes' | 'duration' | 'number' | 'mb' | 'boolean' | 'list';

/** limits_config keys the query engine honours → its limit names (durations in ms). */
const queryLimitKeys: Readonly<Record<string, { readonly name: string; readonly kind: Kind }>> = {
  max_entries_limit_per_query: { name: 'maxEntriesLimitPerQuery', kind: 'number' },
  max_query_series: { name: 'maxQuerySeries', kind: 'number' },
  max_query_length: { name: 'maxQueryLengthMs', kind: 'duration' },
  max_query_range: { name: 'maxQueryRangeMs', kind: 'duration' },
};

/** limits_config keys Watchpost honours → store limit names and how to read them. */
const limitKeys: Readonly<Record<string, { readonly name: string; readonly kind: Kind }>> = {
  ingestion_rate_mb: { name: 'ingestionRateBytes', kind: 'mb' },
  ingestion_burst_size_mb: { name: 'ingestionBurstBytes', kind: 'mb' },
  per_stream_rate_limit: { name: 'perStreamRateBytes', kind: 'bytes' },
  per_stream_rate_limit_burst: { name: 'perStreamBurstBytes', kind: 'bytes' },
  max_line_size: { name: 'maxLineSizeBytes', kind: 'bytes' },
  max_line_size_truncate: { name: 'maxLineSizeTruncate', kind: 'boolean' },
  max_label_name_length: { name: 'maxLabelNameLength', kind: 'number' },
  max_label_value_length: { name: 'maxLabelValueLength', kind: 'number' },
  max_label_names_per_series: { name: 'maxLabelNamesPerSeries', kind: 'number' },
  reject_old_samples: { name: 'rejectOldSamples', kind: 'boolean' },
  reject_old_samples_max_age: { name: 'rejectOldSamplesMaxAgeMs', kind: 'duration' },
  creation_grace_period: { name: 'creationGracePeriodMs', kind: 'duration' },
  max_global_streams_per_user: { name: 'maxStreamsPerTenant', kind: 'number' },
  allow_structured_metadata: { name: 'allowStructuredMetadata', kind: 'boolean' },
  max_structured_metadata_size: { name: 'maxStructuredMetadataBytes', kind: 'bytes' },
  max_structured_metadata_entries_count: { name: 'maxStructuredMetadataEntries', kind: 'number' },
  discover_service_name: { name: 'discoverServiceName', kind: 'list' },
};

function invalid(path: string, message: string): WatchpostError {
  return new WatchpostError('ERR_CONFIG_INVALID', `${path}: ${message}`);
}

function section(root: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = root[key];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid(key, 'must be a mapping');
  return v as Record<string, unknown>;
}

function optString(obj: Record<string, unknown>, key: string, path: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(`${path}.${key}`, 'must be a string');
  return v;
}

function optNumber(obj: Record<string, unknown>, key: string, path: string): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(`${path}.${key}`, 'must be a number');
  return v;
}

function stringList(v: unknown, path: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalid(path, 'must be a list of strings');
  return v as string[];
}

/** Parses the YAML text; `readFile` resolves `token_file`/`password_file`. */
export function parseServerConfig(text: string, readFile: (path: string) => string): ServerConfig {
  const doc: unknown = parseYaml(text) ?? {};
  if (typeof doc !== 'object' || Array.isArray(doc) || doc === null) throw invalid('config', 'must be a mapping');
  const root = doc as Record<string, unknown>;
  for (const key of Object.keys(root)) if (!knownTopLevel.has(key)) throw invalid(key, 'field not found in the configuration (unknown section)');
  const authEnabled = root.auth_enabled === undefined ? false : root.auth_enabled;
  if (typeof authEnabled !== 'boolean') throw invalid('auth_enabled', 'must be true or false');

  const server = section(root, 'server');
  const tlsSection = section(server, 'http_tls_config');
  const certFile = optString(tlsSection, 'cert_file', 'server.http_tls_config');
  const keyFile = optString(tlsSection, 'key_file', 'server.http_tls_config');
  if ((certFile === undefined) !== (keyFile === undefined)) throw invalid('server.http_tls_config', 'cert_file and key_file go together');

  const limits: Record<string, number | boolean | readonly string[]> = {};
  const limitsSection = section(root, 'limits_config');
  let retentionPeriodMs: number | undefined;
  let queryTimeoutMs: number | undefined;
  const queryLimits: Record<string, number> = {};
  for (const [key, value] of Object.entries(limitsSection)) {
    if (key === 'retention_period') {
      retentionPeriodMs = readKind('duration', value, `limits_config.${key}`) as number;
      continue;
    }
    if (key === 'query_timeout') {
      queryTimeoutMs = readKind('duration', value, `limits_config.${key}`) as number;
      continue;
    }
    const q = queryLimitKeys[key];
    if (q !== undefined) {
      queryLimits[q.name] = readKind(q.kind, value, `limits_config.${key}`) as number;
      continue;
    }
    const spec = limitKeys[key];
    if (spec === undefined) continue; // Loki limits Watchpost does not enforce are accepted and ignored.
    limits[spec.name] = readKind(spec.kind, value, `limits_config.${key}`);
  }

  return {
    authEnabled,
    listenAddress: optString(server, 'http_listen_address', 'server'),
    listenPort: optNumber(server, 'http_listen_port', 'server'),
    tls: certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : undefined,
    dataDir: optString(section(root, 'common'), 'path_prefix', 'common'),
    maxBodyBytes: optNumber(section(root, 'distributor'), 'max_recv_msg_size', 'distributor'),
    logLevel: readLogLevel(optString(server, 'log_level', 'server')),
    auth: parseAuth(section(root, 'auth'), readFile),
    limits,
    retentionPeriodMs,
    queryLimits,
    queryTimeoutMs,
    raw: root,
  };
}

function readLogLevel(value: string | undefined): ServerConfig['logLevel'] {
  if (value === undefined) return undefined;
  if (value === 'debug' || value === 'info' || value === 'warn' || value === 'error') return value;
  throw invalid('server.log_level', `unrecognized log level ${JSON.stringify(value)}: debug, info, warn or error`);
}

function readKind(kind: Kind, value: unknown, path: string): number | boolean | readonly string[] {
  switch (kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(path, 'must be true or false');
      return value;
    case 'number':
      if (typeof value !== 'number') throw invalid(path, 'must be a number');
      return value;
    case 'mb':
      if (typeof value !== 'number') throw invalid(path, 'must be a number');
      return value * 1024 * 1024;
    case 'list':
      return stringList(value, path) ?? [];
    case 'bytes': {
      if (typeof value === 'number') return value;
      const r = parseBytes(String(value));
      if (!r.ok) throw invalid(path, r.error);
      return r.value;
    }
    case 'duration': {
      const r = parsePromDuration(String(value));
      if (!r.ok) throw invalid(path, r.error);
      return r.value / 1e6;
    }
  }
}

function parseAuth(auth: Record<string, unknown>, readFile: (path: string) => string): AuthConfig | undefined {
  const tokens: TokenGrant[] = [];
  const basicAuth: BasicAuthGrant[] = [];
  const list = (key: string): Record<string, unknown>[] => {
    const v = auth[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null)) throw invalid(`auth.${key}`, 'must be a list of mappings');
    return v as Record<string, unknown>[];
  };
  list('tokens').forEach((t, i) => {
    const path = `auth.tokens[${i}]`;
    const file = optString(t, 'token_file', path);
    const token = file !== undefined ? readFile(file).trim() : optString(t, 'token', path);
    if (token === undefined || token === '') throw invalid(path, 'needs token or token_file');
    tokens.push({ token, ...grant(t, path) });
  });
  list('basic_auth').forEach((u, i) => {
    const path = `auth.basic_auth[${i}]`;
    const username = optString(u, 'username', path);
    if (username === undefined || username === '') throw invalid(path, 'needs username');
    const file = optString(u, 'password_file', path);
    const password = file !== undefined ? readFile(file).trim() : optString(u, 'password', path);
    const passwordSha256 = optString(u, 'password_sha256', path);
    if (password === undefined && passwordSha256 === undefined) throw invalid(path, 'needs password, password_file or password_sha256');
    basicAuth.push({ username, ...(password !== undefined ? { password } : {}), ...(passwordSha256 !== undefined ? { passwordSha256 } : {}), ...grant(u, path) });
  });
  return tokens.length || basicAuth.length ? { tokens, basicAuth } : undefined;
}

function grant(obj: Record<string, unknown>, path: string): { name?: string; tenants?: string[]; read?: string[]; write?: string[] } {
  const out: { name?: string; tenants?: string[]; read?: string[]; write?: string[] } = {};
  const name = optString(obj, 'name', path);
  if (name !== undefined) out.name = name;
  for (const key of ['tenants', 'read', 'write'] as const) {
    const v = stringList(obj[key], `${path}.${key}`);
    if (v !== undefined) out[key] = v;
  }
  if (!out.tenants?.length && !out.read?.length && !out.write?.length) throw invalid(path, 'grants no tenant (set tenants, read or write)');
  return out;
}
