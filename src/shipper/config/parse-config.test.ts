import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isErrorCode } from '../../core/index.js';
import { formatDurationMs, parseDurationMs } from './duration.js';
import { expandEnv } from './expand-env.js';
import { parseShipperConfig } from './parse-config.js';

const seed = readFileSync(new URL('./testdata/seed-promtail.yaml', import.meta.url), 'utf8');

test('parseShipperConfig() reads the seed promtail config with promtail defaults', () => {
  const c = parseShipperConfig(seed);
  assert.equal(c.server.httpListenPort, 9080);
  assert.equal(c.server.httpListenAddress, '127.0.0.1');
  assert.deepEqual(c.positions, { filename: '/promtail/positions.yaml', syncPeriodMs: 10_000, ignoreInvalidYaml: false });
  assert.equal(c.clients.length, 1);
  const client = c.clients[0]!;
  assert.equal(client.url, 'http://loki:3100/api/prom/push');
  assert.equal(client.name, 'loki:3100');
  assert.equal(client.batchWaitMs, 1000);
  assert.equal(client.batchSizeBytes, 1_048_576);
  assert.deepEqual(client.backoff, { minPeriodMs: 500, maxPeriodMs: 300_000, maxRetries: 10 });
  assert.equal(client.timeoutMs, 10_000);
  assert.equal(client.encoding, 'protobuf');
  const sc = c.scrapeConfigs[0]!;
  assert.equal(sc.jobName, 'osquery');
  assert.deepEqual(sc.staticConfigs, [
    { targets: ['localhost'], labels: { job: 'osquery_results', __path__: '/var/log/osquery/osqueryd.results.log' } },
  ]);
  assert.equal(sc.pipelineStages.length, 4);
  assert.deepEqual(sc.pipelineStages[2], { labels: { name: 'name' } });
  assert.deepEqual(sc.pipelineStages[3], {
    metrics: {
      last_logins: {
        type: 'Counter',
        description: 'count last logins',
        source: 'name',
        config: { value: 'pack_incident-response_last', action: 'inc' },
      },
    },
  });
});

const errorCases = [
  { name: 'unknown top-level key', yaml: 'serverz: {}\n', message: 'line 1: field serverz not found' },
  { name: 'unknown client key', yaml: 'clients:\n  - url: http://x/\n    batchwiat: 1s\n', message: 'line 3: clients[0]: field batchwiat not found' },
  { name: 'bad duration', yaml: 'clients:\n  - url: http://x/\n    batchwait: 1x\n', message: 'line 3: clients[0].batchwait: time: invalid duration "1x"' },
  { name: 'wrong type', yaml: 'server:\n  http_listen_port: abc\n', message: 'line 2: server.http_listen_port: expected an integer, got string "abc"' },
  { name: 'list expected', yaml: 'scrape_configs: {job_name: a}\n', message: 'line 1: scrape_configs: expected a list, got a mapping' },
  {
    name: 'nested static config key',
    yaml: 'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [localhost]\n        lables: {}\n',
    message: 'line 5: scrape_configs[0].static_configs[0]: field lables not found',
  },
  { name: 'client without url', yaml: 'clients:\n  - tenant_id: a\n', message: 'line 2: clients[0]: url is required for a client' },
  { name: 'missing job name', yaml: 'scrape_configs:\n  - static_configs: []\n', message: 'line 2: scrape_configs[0]: job_name is required' },
  {
    name: 'bad relabel action',
    yaml: 'scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: frobnicate\n',
    message: 'line 4: scrape_configs[0].relabel_configs[0].action: unknown relabel action "frobnicate"',
  },
  { name: 'syntax error', yaml: 'a: [\n', message: 'yaml:' },
  { name: 'duplicate job', yaml: 'scrape_configs:\n  - job_name: a\n  - job_name: a\n', message: 'line 3: scrape_configs[1]: found multiple scrape configs with job name "a"' },
];

for (const c of errorCases) {
  test(`parseShipperConfig() refuses ${c.name} naming the key path`, () => {
    assert.throws(
      () => parseShipperConfig(c.yaml),
      (err: unknown) => isErrorCode(err, 'ERR_CONFIG_INVALID') && err.message.startsWith(c.message),
    );
  });
}

test('parseShipperConfig() expands ${VAR} and ${VAR:-default} only with expandEnv', () => {
  const yaml = 'clients:\n  - url: ${LOKI_URL}\n    tenant_id: ${TENANT:-team-a}\n';
  const c = parseShipperConfig(yaml, { expandEnv: true, env: { LOKI_URL: 'http://127.0.0.1:3100/loki/api/v1/push' } });
  assert.equal(c.clients[0]?.url, 'http://127.0.0.1:3100/loki/api/v1/push');
  assert.equal(c.clients[0]?.tenantId, 'team-a');
  assert.throws(() => parseShipperConfig(yaml), (err: unknown) => isErrorCode(err, 'ERR_CONFIG_INVALID'));
});

const envCases = [
  { in: '${A}', out: '1' },
  { in: '${B:-x}', out: 'x' },
  { in: '${E:-x}', out: 'x' },
  { in: '${E-x}', out: '' },
  { in: '$A/$$A', out: '1/$A' },
  { in: '${NOPE}', out: '' },
];
for (const c of envCases) {
  test(`expandEnv() turns ${c.in} into "${c.out}"`, () => {
    assert.equal(expandEnv(c.in, { A: '1', E: '' }), c.out);
  });
}

const durations: Array<[string, number | undefined]> = [
  ['500ms', 500], ['1s', 1000], ['1m30s', 90_000], ['1.5h', 5_400_000], ['7d', 604_800_000], ['0', 0], ['10', undefined], ['1x', undefined],
];
for (const [text, ms] of durations) {
  test(`parseDurationMs() reads "${text}"`, () => assert.equal(parseDurationMs(text), ms));
}

test('formatDurationMs() writes Go durations', () => {
  assert.deepEqual([500, 1000, 90_000, 3_600_000].map(formatDurationMs), ['500ms', '1s', '1m30s', '1h0m0s']);
});
