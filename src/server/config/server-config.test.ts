import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerConfig } from './server-config.js';

const files: Record<string, string> = { '/etc/wp/token': 'from-file\n' };
const readFile = (p: string): string => {
  const v = files[p];
  if (v === undefined) throw new Error(`ENOENT ${p}`);
  return v;
};

test('parseServerConfig reads Loki sections and the auth section', () => {
  const c = parseServerConfig(
    `auth_enabled: true
server:
  http_listen_address: 0.0.0.0
  http_listen_port: 3101
  http_tls_config: { cert_file: /c.pem, key_file: /k.pem }
common:
  path_prefix: /var/lib/watchpost
distributor:
  max_recv_msg_size: 1048576
limits_config:
  ingestion_rate_mb: 8
  max_line_size: 512KB
  reject_old_samples_max_age: 2w
  retention_period: 744h
  split_queries_by_interval: 1h
  max_entries_limit_per_query: 10000
  max_query_length: 30d
  query_timeout: 2m
auth:
  tokens:
    - token: s3cret
      tenants: [team-a]
    - token_file: /etc/wp/token
      read: ['*']
  basic_auth:
    - username: grafana
      password: pw
      read: [team-a]
`,
    readFile,
  );
  assert.equal(c.authEnabled, true);
  assert.equal(c.listenAddress, '0.0.0.0');
  assert.equal(c.listenPort, 3101);
  assert.deepEqual(c.tls, { certFile: '/c.pem', keyFile: '/k.pem' });
  assert.equal(c.dataDir, '/var/lib/watchpost');
  assert.equal(c.maxBodyBytes, 1048576);
  assert.deepEqual(c.limits, { ingestionRateBytes: 8 * 1024 * 1024, maxLineSizeBytes: 512000, rejectOldSamplesMaxAgeMs: 14 * 86400_000 });
  assert.equal(c.retentionPeriodMs, 744 * 3600_000);
  assert.deepEqual(c.queryLimits, { maxEntriesLimitPerQuery: 10000, maxQueryLengthMs: 30 * 86400_000 });
  assert.equal(c.queryTimeoutMs, 120_000);
  assert.deepEqual(c.auth, {
    tokens: [{ token: 's3cret', tenants: ['team-a'] }, { token: 'from-file', read: ['*'] }],
    basicAuth: [{ username: 'grafana', password: 'pw', read: ['team-a'] }],
  });
});

const invalid: { name: string; yaml: string; message: string }[] = [
  { name: 'an unknown section', yaml: 'bogus: 1', message: 'bogus: field not found in the configuration (unknown section)' },
  { name: 'a non-boolean auth_enabled', yaml: 'auth_enabled: yes please', message: 'auth_enabled: must be true or false' },
  { name: 'a token without tenants', yaml: 'auth:\n  tokens:\n    - token: x', message: 'auth.tokens[0]: grants no tenant (set tenants, read or write)' },
  { name: 'a user without password', yaml: 'auth:\n  basic_auth:\n    - username: u\n      read: [a]', message: 'auth.basic_auth[0]: needs password, password_file or password_sha256' },
  { name: 'a cert without key', yaml: 'server:\n  http_tls_config:\n    cert_file: /c', message: 'server.http_tls_config: cert_file and key_file go together' },
  { name: 'a bad duration', yaml: 'limits_config:\n  creation_grace_period: soon', message: 'limits_config.creation_grace_period: not a valid duration string: "soon"' },
];

for (const c of invalid) {
  test(`parseServerConfig rejects ${c.name}`, () => {
    assert.throws(() => parseServerConfig(c.yaml, readFile), { code: 'ERR_CONFIG_INVALID', message: c.message });
  });
}

test('buildEffectiveConfig shows Loki-shaped limits: defaults, then the file\'s values', async () => {
  const { buildEffectiveConfig } = await import('./effective-config.js');
  const defaults = buildEffectiveConfig(undefined, { authEnabled: false, host: '127.0.0.1', port: 3100, dataDir: '/d' }) as { limits_config: Record<string, unknown>; common: unknown };
  assert.deepEqual(defaults.common, { path_prefix: '/d' });
  assert.equal(defaults.limits_config.ingestion_rate_mb, 4);
  assert.equal(defaults.limits_config.max_line_size, 262144);
  assert.equal(defaults.limits_config.max_query_length, '30d1h');
  assert.equal(defaults.limits_config.query_timeout, '1m');
  assert.equal(defaults.limits_config.reject_old_samples_max_age, '1w');
  const file = parseServerConfig('limits_config:\n  ingestion_rate_mb: 8\n  query_timeout: 2m\nauth:\n  tokens:\n    - token: t\n      tenants: [a]\n', readFile);
  const effective = buildEffectiveConfig(file, { authEnabled: false, host: '127.0.0.1', port: 3100, dataDir: '/d' }) as { limits_config: Record<string, unknown>; auth: unknown };
  assert.equal(effective.limits_config.ingestion_rate_mb, 8);
  assert.equal(effective.limits_config.query_timeout, '2m');
  assert.deepEqual(effective.auth, { tokens: [{ token: 't', tenants: ['a'] }] });
});

test('parseServerConfig loads Loki\'s own single-binary local config, using what applies', () => {
  const c = parseServerConfig(
    `auth_enabled: false
server:
  http_listen_port: 3100
  grpc_listen_port: 9096
  log_level: warn
common:
  instance_addr: 127.0.0.1
  path_prefix: /tmp/loki
  storage:
    filesystem:
      chunks_directory: /tmp/loki/chunks
      rules_directory: /tmp/loki/rules
  replication_factor: 1
  ring:
    kvstore:
      store: inmemory
query_range:
  results_cache:
    cache:
      embedded_cache:
        enabled: true
        max_size_mb: 100
schema_config:
  configs:
    - from: 2020-10-24
      store: tsdb
      object_store: filesystem
      schema: v13
      index:
        prefix: index_
        period: 24h
ruler:
  alertmanager_url: http://localhost:9093
`,
    readFile,
  );
  assert.deepEqual([c.authEnabled, c.listenPort, c.dataDir, c.logLevel], [false, 3100, '/tmp/loki', 'warn']);
});
