// The server side is testdata/http-fixture-server.ts in a child process: the
// synchronous client under test blocks this thread, so a server here could
// never answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlEngine } from '../../index.js';
import { curlTable } from './curl.js';
import { prometheusMetricsTable } from './prometheus-metrics.js';
import { setPrometheusTargetsConfig } from './prometheus-targets.js';
import { httpGetSync, type SyncHttpGetOptions, type SyncHttpGetResult } from './sync-http-client.js';
import { startHttpFixtureServer, type HttpFixtureServer } from './testdata/start-http-fixture-server.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

let server: HttpFixtureServer;
before(async () => {
  server = await startHttpFixtureServer();
});
after(async () => {
  setPrometheusTargetsConfig(undefined);
  await server.close();
});

const refused = 'http://127.0.0.1:1/';
const text = (r: SyncHttpGetResult): unknown => (r.ok ? { status: r.status, body: r.body.toString('utf8') } : { code: r.code, message: r.message });

const clientCases: Array<{ name: string; path: () => string; options?: SyncHttpGetOptions; expected: unknown }> = [
  { name: 'returns a 200 answer and its body', path: () => `${server.baseUrl}/hello`, expected: { status: 200, body: 'hello world\n' } },
  { name: 'returns an error status with its body', path: () => `${server.baseUrl}/status/404`, expected: { status: 404, body: 'status 404\n' } },
  { name: 'follows relative redirects', path: () => `${server.baseUrl}/redirect/3`, expected: { status: 200, body: 'hello world\n' } },
  { name: 'follows absolute redirects', path: () => `${server.baseUrl}/redirect-absolute`, expected: { status: 200, body: 'hello world\n' } },
  { name: 'follows at most 10 redirects', path: () => `${server.baseUrl}/redirect/10`, expected: { code: 'EREDIRECT', message: 'Exceeded max of 10 redirects' } },
  { name: 'needs a Location on a redirect', path: () => `${server.baseUrl}/no-location`, expected: { code: 'EREDIRECT', message: 'Location header missing in redirect response' } },
  { name: 'sends the given headers', path: () => `${server.baseUrl}/echo-user-agent`, options: { headers: { 'User-Agent': 'probe/1' } }, expected: { status: 200, body: 'probe/1' } },
  { name: 'reports a URL without a host', path: () => '', expected: { code: 'EINVAL', message: 'Remote hostname missing' } },
  { name: 'refuses a body over maxBodyBytes', path: () => `${server.baseUrl}/metrics`, options: { maxBodyBytes: 100 }, expected: { code: 'E2BIG', message: 'response body over 100 bytes' } },
];
for (const c of clientCases) {
  test(`httpGetSync ${c.name}`, () => assert.deepEqual(text(httpGetSync(c.path(), c.options)), c.expected));
}

test('httpGetSync reports a refused connection', () => {
  const r = httpGetSync(refused);
  assert.equal(!r.ok && r.code, 'ECONNREFUSED');
});

test('httpGetSync gives up at the deadline and still works afterwards', () => {
  const started = Date.now();
  const r = httpGetSync(`${server.baseUrl}/hang`, { timeoutMs: 300 });
  assert.deepEqual(text(r), { code: 'ETIMEDOUT', message: 'Request timeout' });
  assert.ok(Date.now() - started < 1200);
  const again = httpGetSync(`${server.baseUrl}/hello`);
  assert.equal(again.ok && again.status, 200);
});

const eq = (...values: string[]) => values.map((value) => ({ op: '=' as const, value }));

test('curl returns status, body, byte count and round trip for each url, sorted, with the osquery user agent', () => {
  const utf8 = `${server.baseUrl}/utf8`;
  const ua = `${server.baseUrl}/echo-user-agent`;
  const { rows, warnings } = runGenerator(curlTable, { constraints: { url: eq(utf8, ua) } });
  assert.deepEqual(warnings, []);
  assert.deepEqual(rows.map((r) => ({ ...r, round_trip_time: typeof r.round_trip_time })), [
    { url: ua, method: 'GET', user_agent: 'osquery', response_code: 200, round_trip_time: 'number', result: 'osquery', bytes: 7 },
    { url: utf8, method: 'GET', user_agent: 'osquery', response_code: 200, round_trip_time: 'number', result: 'héllo ✓\n', bytes: 11 },
  ]);
  assert.deepEqual(
    validateRows('curl', rows, { url: 'NonEmptyString', method: /^GET$/, user_agent: 'NonEmptyString', response_code: 'NonNegativeInt', round_trip_time: 'NonNegativeInt', bytes: 'NonNegativeInt', result: 'String' }),
    [],
  );
});

test('curl sends one user_agent with CR and LF removed', () => {
  const { rows } = runGenerator(curlTable, { constraints: { url: eq(`${server.baseUrl}/echo-user-agent`), user_agent: eq('evil\r\nX-Injected: 1') } });
  assert.equal(rows[0]?.user_agent, 'evilX-Injected: 1');
  assert.equal(rows[0]?.result, 'evilX-Injected: 1');
});

test('curl refuses two user agents with osquery’s warning', () => {
  const { rows, warnings } = runGenerator(curlTable, { constraints: { url: eq(`${server.baseUrl}/hello`), user_agent: eq('a', 'b') } });
  assert.deepEqual(rows, []);
  assert.deepEqual(warnings, ['Can only accept a single user_agent']);
});

test('curl keeps a row for a failed request and logs the error', () => {
  const { rows, warnings } = runGenerator(curlTable, { constraints: { url: [...eq(refused), { op: 'LIKE', value: 'http://%' }] } });
  assert.deepEqual(rows, [{ url: refused, method: 'GET', user_agent: 'osquery' }]);
  assert.equal(warnings[0], 'Using LIKE clause for url is not supported');
  assert.match(warnings[1] ?? '', /^Error making request: connect ECONNREFUSED/);
});

test('SQL: curl through createSqlEngine needs url and answers with typed columns', async () => {
  const engine = await createSqlEngine({ tables: new Map([[curlTable.name, curlTable]]) });
  try {
    const [result] = await engine.query(`select response_code, bytes, result, typeof(round_trip_time) from curl where url = '${server.baseUrl}/status/503'`);
    assert.deepEqual(result?.rows, [['503', '11', 'status 503\n', 'integer']]);
    const [failed] = await engine.query(`select method, response_code, bytes from curl where url = '${refused}'`);
    assert.deepEqual(failed?.rows, [['GET', null, null]]);
    await assert.rejects(engine.query('select * from curl'), /required column/);
  } finally {
    await engine.close();
  }
});

test('prometheus_metrics without configured targets warns as osquery and returns nothing', () => {
  setPrometheusTargetsConfig(undefined);
  assert.deepEqual(runGenerator(prometheusMetricsTable), { rows: [], warnings: ['Could not load prometheus_targets root key: prometheus_targets'] });
});

test('prometheus_metrics scrapes each configured target and logs unreachable ones', () => {
  const metrics = `${server.baseUrl}/metrics`;
  setPrometheusTargetsConfig({ urls: [metrics, refused], timeout: 2 });
  const before = Date.now();
  const { rows, warnings } = runGenerator(prometheusMetricsTable);
  assert.equal(rows.length, 16);
  assert.ok(rows.every((r) => r.target_name === metrics && Number(r.timestamp_ms) >= before && Number(r.timestamp_ms) <= Date.now()));
  assert.deepEqual(rows.find((r) => r.metric_name === 'http_requests_total{method="post",code="200"}')?.metric_value, '1027');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /^Failed on scrape of target http:\/\/127\.0\.0\.1:1\/: connect ECONNREFUSED/);
  assert.deepEqual(
    validateRows('prometheus_metrics', rows, { target_name: 'NonEmptyString', metric_name: 'NonEmptyString', metric_value: 'String', timestamp_ms: 'NonNegativeInt' }),
    [],
  );
});

test('SQL: prometheus_metrics values are doubles, NaN and Inf read NULL', async () => {
  setPrometheusTargetsConfig({ urls: [`${server.baseUrl}/metrics`] });
  const engine = await createSqlEngine({ tables: new Map([[prometheusMetricsTable.name, prometheusMetricsTable]]) });
  try {
    const [result] = await engine.query("select metric_name, metric_value from prometheus_metrics where metric_name in ('go_gc_duration_seconds_count', 'node_load1', 'metric_plus_inf') order by metric_name");
    assert.deepEqual(result?.rows, [['go_gc_duration_seconds_count', '271.0'], ['metric_plus_inf', null], ['node_load1', '0.21']]);
  } finally {
    await engine.close();
  }
});
