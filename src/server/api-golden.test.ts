// API golden tests: one request per case against a server over an in-memory
// store holding a fixed data set; the answer (status, content type, body) is
// compared with testdata/api/<name>.golden. UPDATE_GOLDEN=1 rewrites them.
// Timing fields of `stats` are zeroed before comparing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from './testing/test-server.js';

const dir = fileURLToPath(new URL('./testdata/api/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

const t0 = 1704067200n; // 2024-01-01T00:00:00Z
const ns = (seconds: bigint, extraNs = 0n): bigint => seconds * 1_000_000_000n + extraNs;
const start = ns(t0).toString();
const end = ns(t0 + 600n).toString();

async function load(s: TestServer): Promise<void> {
  await s.store.push('fake', [
    {
      labels: { app: 'api', env: 'prod', level: 'info' },
      entries: [
        { tsNs: ns(t0 + 10n), line: 'GET /health 200' },
        { tsNs: ns(t0 + 70n), line: 'GET /users 200 <html> & "quotes"' },
        { tsNs: ns(t0 + 130n), line: 'level=info msg="user logged in" user=alice' },
      ],
    },
    {
      labels: { app: 'api', env: 'prod', level: 'error' },
      entries: [
        { tsNs: ns(t0 + 20n, 5n), line: 'level=error msg="db timeout" user=bob' },
        { tsNs: ns(t0 + 200n), line: 'level=error msg="db timeout" user=alice' },
      ],
    },
    { labels: { app: 'web', env: 'dev' }, entries: [{ tsNs: ns(t0 + 30n), line: '{"status":500,"path":"/x"}' }] },
  ]);
}

interface Case {
  readonly name: string;
  readonly method?: string;
  readonly path: string;
  readonly params?: Record<string, string | string[]>;
  readonly form?: Record<string, string>;
}

const cases: Case[] = [
  { name: 'query-range-streams', path: '/loki/api/v1/query_range', params: { query: '{app="api"}', start, end } },
  { name: 'query-range-streams-forward-limit', path: '/loki/api/v1/query_range', params: { query: '{app="api"} |= "GET"', start, end, limit: '1', direction: 'forward' } },
  { name: 'query-range-logfmt-filter', path: '/loki/api/v1/query_range', params: { query: '{app="api"} | logfmt | user="alice"', start, end } },
  { name: 'query-range-matrix', path: '/loki/api/v1/query_range', params: { query: 'sum by (level) (count_over_time({app="api"}[5m]))', start, end, step: '300' } },
  { name: 'query-range-post-form', method: 'POST', path: '/loki/api/v1/query_range', form: { query: 'count_over_time({app="web"}[10m])', start, end, step: '600s' } },
  { name: 'query-instant-vector', path: '/loki/api/v1/query', params: { query: 'sum by (level) (count_over_time({app="api"}[10m]))', time: end } },
  { name: 'query-instant-scalar', path: '/loki/api/v1/query', params: { query: '1+1', time: end } },
  { name: 'query-instant-grafana-health', path: '/loki/api/v1/query', params: { query: 'vector(1)+vector(1)', time: end } },
  { name: 'query-instant-log-query', path: '/loki/api/v1/query', params: { query: '{app="api"}', time: end } },
  { name: 'query-parse-error-end', path: '/loki/api/v1/query_range', params: { query: '{foo="bar"', start, end } },
  { name: 'query-parse-error-empty-matcher', path: '/loki/api/v1/query_range', params: { query: '{foo!="bar"}', start, end } },
  { name: 'query-bad-step', path: '/loki/api/v1/query_range', params: { query: '{app="api"}', start, end, step: '0' } },
  { name: 'query-bad-start', path: '/loki/api/v1/query_range', params: { query: '{app="api"}', start: 'yesterday', end } },
  { name: 'query-limit-over-max', path: '/loki/api/v1/query_range', params: { query: '{app="api"}', start, end, limit: '5001' } },
  { name: 'query-legacy', path: '/api/prom/query', params: { query: '{app="web"}', start, end } },
  { name: 'labels', path: '/loki/api/v1/labels', params: { start, end } },
  { name: 'labels-with-query', path: '/loki/api/v1/labels', params: { start, end, query: '{app="web"}' } },
  { name: 'labels-empty-range', path: '/loki/api/v1/labels', params: { start: ns(t0 - 7200n).toString(), end: ns(t0 - 3600n).toString() } },
  { name: 'label-values', path: '/loki/api/v1/label/level/values', params: { start, end } },
  { name: 'series', path: '/loki/api/v1/series', params: { 'match[]': '{app="api"}', start, end } },
  { name: 'series-two-matchers', path: '/loki/api/v1/series', params: { 'match[]': ['{app="web"}', '{level="error"}'], start, end } },
  { name: 'series-pipeline-rejected', path: '/loki/api/v1/series', params: { 'match[]': '{app="api"} |= "x"', start, end } },
  { name: 'index-stats', path: '/loki/api/v1/index/stats', params: { query: '{app="api"}', start, end } },
  { name: 'index-volume', path: '/loki/api/v1/index/volume', params: { query: '{app=~".+"}', start, end } },
  { name: 'index-volume-range', path: '/loki/api/v1/index/volume_range', params: { query: '{app=~".+"}', start, end, step: '300' } },
  { name: 'format-query', path: '/loki/api/v1/format_query', params: { query: 'sum by(level)(count_over_time({app="api"}|="x"[5m]))' } },
  { name: 'format-query-invalid', path: '/loki/api/v1/format_query', params: { query: '{app="api"' } },
  { name: 'buildinfo', path: '/loki/api/v1/status/buildinfo' },
  { name: 'ready', path: '/ready' },
  { name: 'not-found', path: '/loki/api/v2/nothing' },
];

function normalise(body: string): string {
  return body.replace(/"(execTime|queueTime|bytesProcessedPerSecond|linesProcessedPerSecond)":[-0-9.e+]+/g, '"$1":0').replace(/"watchpostVersion":"[^"]*"/, '"watchpostVersion":"<version>"').replace(/"goVersion":"[^"]*"/, '"goVersion":"<node>"');
}

for (const c of cases) {
  test(`${c.method ?? 'GET'} ${c.path} answers as golden ${c.name}`, async (t) => {
    const s = await startTestServer();
    t.after(() => s.close());
    await load(s);
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(c.params ?? {})) for (const x of Array.isArray(v) ? v : [v]) qs.append(k, x);
    const path = qs.size ? `${c.path}?${qs}` : c.path;
    const init = c.form ? { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(c.form).toString() } : {};
    const res = await s.request(c.method ?? 'GET', path, init);
    const actual = `status: ${res.status}\ncontent-type: ${res.contentType}\n\n${normalise(res.body)}`;
    const file = `${dir}${c.name}.golden`;
    if (update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, actual);
      return;
    }
    assert.equal(actual, readFileSync(file, 'utf8'));
  });
}
