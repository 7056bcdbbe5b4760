import { expandEnv } from './expand-env.js';
import { parseScrapeConfig } from './parse-scrape-config.js';
import type { BackoffConfig, ClientConfig, LimitsConfig, PositionsConfig, ServerConfig, ShipperConfig, TlsConfig } from './types.js';
import { parseYamlDocument, YamlReader, type YamlNode } from './yaml-reader.js';

export interface ParseConfigOptions {
  /** `-config.expand-env=true`. */
  readonly expandEnv?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const serverKeys = [
  'http_listen_address', 'http_listen_port', 'http_listen_network', 'grpc_listen_address', 'grpc_listen_port',
  'grpc_listen_network', 'register_instrumentation', 'graceful_shutdown_timeout', 'http_server_read_timeout',
  'http_server_write_timeout', 'http_server_idle_timeout', 'grpc_server_max_recv_msg_size', 'grpc_server_max_send_msg_size',
  'grpc_server_max_concurrent_streams', 'log_level', 'log_format', 'http_path_prefix', 'health_check_target', 'disable',
  'enable_runtime_reload', 'profiling_enabled', 'external_url', 'log_source_ips_enabled',
] as const;

const clientKeys = [
  'url', 'name', 'tenant_id', 'batchwait', 'batchsize', 'backoff_config', 'timeout', 'external_labels', 'headers',
  'drop_rate_limited_batches', 'basic_auth', 'bearer_token', 'bearer_token_file', 'tls_config', 'proxy_url',
  'follow_redirects', 'enable_http2', 'stream_lag_labels', 'watchpost_encoding',
] as const;

/**
 * Parses promtail's YAML configuration strictly: unknown keys and wrong types
 * are refused with ERR_CONFIG_INVALID naming the key path and line; absent
 * keys get promtail's defaults.
 */
export function parseShipperConfig(text: string, options: ParseConfigOptions = {}): ShipperConfig {
  const source = options.expandEnv ? expandEnv(text, options.env ?? process.env) : text;
  const doc = parseYamlDocument(source);
  const r = new YamlReader(doc);
  const top = r.fields(doc.root, [
    'server', 'clients', 'client', 'positions', 'scrape_configs', 'limits_config', 'target_config', 'global', 'options',
    'tracing', 'wal',
  ]);
  const clientNodes = [...r.list(top.get('clients') ?? nullAt('clients'))];
  const single = top.get('client');
  if (single && !r.isNull(single)) clientNodes.push(single);
  const jobs = new Set<string>();
  const scrapeConfigs = r.list(top.get('scrape_configs') ?? nullAt('scrape_configs')).map((node) => {
    const sc = parseScrapeConfig(r, node);
    if (jobs.has(sc.jobName)) r.fail(node, `found multiple scrape configs with job name "${sc.jobName}"`);
    jobs.add(sc.jobName);
    return sc;
  });
  const target = r.fields(top.get('target_config') ?? nullAt('target_config'), ['sync_period', 'stdin']);
  const global = r.fields(top.get('global') ?? nullAt('global'), ['file_watch_config']);
  const watch = r.fields(global.get('file_watch_config') ?? nullAt('global.file_watch_config'), ['min_poll_frequency', 'max_poll_frequency']);
  for (const key of ['options', 'tracing', 'wal'] as const) {
    const node = top.get(key);
    if (node && !r.isNull(node)) r.plain(node);
  }
  return {
    server: parseServer(r, top.get('server') ?? nullAt('server')),
    positions: parsePositions(r, top.get('positions') ?? nullAt('positions')),
    clients: clientNodes.map((node) => parseClient(r, node)),
    scrapeConfigs,
    limits: parseLimits(r, top.get('limits_config') ?? nullAt('limits_config')),
    targetSyncPeriodMs: opt(target.get('sync_period'), (n) => r.durationMs(n), 10_000),
    targetStdin: opt(target.get('stdin'), (n) => r.bool(n), false),
    filePollMs: Math.max(10, opt(watch.get('min_poll_frequency'), (n) => r.durationMs(n), 250)),
  };
}

function nullAt(path: string): YamlNode {
  return { node: null, path };
}

/** The value of an optional field, or the default when absent or null. */
function opt<T>(node: YamlNode | undefined, read: (n: YamlNode) => T, fallback: T): T {
  if (node === undefined || node.node === null) return fallback;
  return read(node);
}

function parseServer(r: YamlReader, at: YamlNode): ServerConfig {
  const f = r.fields(at, serverKeys);
  const port = opt(f.get('http_listen_port'), (n) => r.int(n), 80);
  if (port < 0 || port > 65535) r.fail(f.get('http_listen_port') as YamlNode, `port ${port} out of range`);
  return {
    httpListenAddress: opt(f.get('http_listen_address'), (n) => r.string(n), '127.0.0.1') || '127.0.0.1',
    httpListenPort: port,
    disable: opt(f.get('disable'), (n) => r.bool(n), false),
    logLevel: opt(f.get('log_level'), (n) => r.string(n), 'info'),
  };
}

function parsePositions(r: YamlReader, at: YamlNode): PositionsConfig {
  const f = r.fields(at, ['filename', 'sync_period', 'ignore_invalid_yaml']);
  return {
    filename: opt(f.get('filename'), (n) => r.string(n), '/var/log/positions.yaml'),
    syncPeriodMs: opt(f.get('sync_period'), (n) => r.durationMs(n), 10_000),
    ignoreInvalidYaml: opt(f.get('ignore_invalid_yaml'), (n) => r.bool(n), false),
  };
}

function parseLimits(r: YamlReader, at: YamlNode): LimitsConfig {
  const f = r.fields(at, [
    'readline_rate_enabled', 'readline_rate', 'readline_burst', 'readline_rate_drop', 'max_streams', 'max_line_size',
    'max_line_size_truncate',
  ]);
  return {
    maxLineSizeBytes: opt(f.get('max_line_size'), (n) => parseByteSize(r, n), 0),
    maxLineSizeTruncate: opt(f.get('max_line_size_truncate'), (n) => r.bool(n), false),
    maxStreams: opt(f.get('max_streams'), (n) => r.int(n), 0),
  };
}

function parseClient(r: YamlReader, at: YamlNode): ClientConfig {
  const f = r.fields(at, clientKeys);
  const urlNode = f.get('url');
  if (!urlNode || r.isNull(urlNode)) r.fail(at, 'url is required for a client');
  const url = r.string(urlNode);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return r.fail(urlNode, `parse "${url}": invalid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') r.fail(urlNode, `unsupported protocol scheme "${parsed.protocol.slice(0, -1)}"`);
  const proxy = f.get('proxy_url');
  if (proxy && !r.isNull(proxy)) r.fail(proxy, 'proxy_url is not supported by watchpost ship');
  const encoding = opt(f.get('watchpost_encoding'), (n) => r.string(n), 'protobuf');
  if (encoding !== 'protobuf' && encoding !== 'json') r.fail(f.get('watchpost_encoding') as YamlNode, `unknown encoding "${encoding}" (protobuf or json)`);
  const basic = f.get('basic_auth');
  const bearerToken = opt(f.get('bearer_token'), (n) => r.string(n), undefined);
  const bearerTokenFile = opt(f.get('bearer_token_file'), (n) => r.string(n), undefined);
  const basicAuth = basic && !r.isNull(basic) ? parseBasicAuth(r, basic) : undefined;
  if (basicAuth && (bearerToken || bearerTokenFile)) r.fail(at, 'at most one of basic_auth, bearer_token & bearer_token_file must be configured');
  if (bearerToken && bearerTokenFile) r.fail(at, 'at most one of bearer_token & bearer_token_file must be configured');
  return {
    url,
    name: opt(f.get('name'), (n) => r.string(n), parsed.host),
    tenantId: opt(f.get('tenant_id'), (n) => r.string(n), ''),
    batchWaitMs: opt(f.get('batchwait'), (n) => r.durationMs(n), 1000),
    batchSizeBytes: opt(f.get('batchsize'), (n) => parseByteSize(r, n), 1_048_576),
    backoff: parseBackoff(r, f.get('backoff_config') ?? { node: null, path: `${at.path}.backoff_config` }),
    timeoutMs: opt(f.get('timeout'), (n) => r.durationMs(n), 10_000),
    externalLabels: opt(f.get('external_labels'), (n) => r.stringMap(n), {}),
    headers: opt(f.get('headers'), (n) => r.stringMap(n), {}),
    dropRateLimitedBatches: opt(f.get('drop_rate_limited_batches'), (n) => r.bool(n), false),
    basicAuth,
    bearerToken,
    bearerTokenFile,
    tls: parseTls(r, f.get('tls_config') ?? { node: null, path: `${at.path}.tls_config` }),
    encoding,
  };
}

function parseBackoff(r: YamlReader, at: YamlNode): BackoffConfig {
  const f = r.fields(at, ['min_period', 'max_period', 'max_retries']);
  return {
    minPeriodMs: opt(f.get('min_period'), (n) => r.durationMs(n), 500),
    maxPeriodMs: opt(f.get('max_period'), (n) => r.durationMs(n), 300_000),
    maxRetries: opt(f.get('max_retries'), (n) => r.int(n), 10),
  };
}

function parseBasicAuth(r: YamlReader, at: YamlNode): ClientConfig['basicAuth'] {
  const f = r.fields(at, ['username', 'password', 'password_file', 'username_file']);
  return {
    username: opt(f.get('username'), (n) => r.string(n), ''),
    password: opt(f.get('password'), (n) => r.string(n), undefined),
    passwordFile: opt(f.get('password_file'), (n) => r.string(n), undefined),
  };
}

function parseTls(r: YamlReader, at: YamlNode): TlsConfig {
  const f = r.fields(at, ['ca_file', 'cert_file', 'key_file', 'server_name', 'insecure_skip_verify', 'min_version', 'ca', 'cert', 'key']);
  return {
    caFile: opt(f.get('ca_file'), (n) => r.string(n), undefined),
    certFile: opt(f.get('cert_file'), (n) => r.string(n), undefined),
    keyFile: opt(f.get('key_file'), (n) => r.string(n), undefined),
    serverName: opt(f.get('server_name'), (n) => r.string(n), undefined),
    insecureSkipVerify: opt(f.get('insecure_skip_verify'), (n) => r.bool(n), false),
  };
}

/** An integer byte count, or a size with a unit as promtail's flagext.ByteSize (`8kb`, `1MB`). */
function parseByteSize(r: YamlReader, at: YamlNode): number {
  const text = r.string(at).trim();
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?$/i.exec(text);
  if (!m) return r.fail(at, `invalid byte size "${text}"`);
  const unit = (m[2] ?? '').toLowerCase().replace(/i?b$/, '');
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[unit] ?? 1;
  return Math.floor(Number(m[1]) * mult);
}
