// The acceptance interface of `watchpost server`, run as users run it: the
// built CLI in a child process on 127.0.0.1 (npm test builds dist/ first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compressSync } from 'snappy';
import { Agent, fetch as undiciFetch } from 'undici';
import WebSocket from 'ws';
import { encodePushRequest } from '../../src/server/push/encode-protobuf.js';
import { startServerProcess, watchpostBin } from '../support/watchpost-server.js';

type Defer = (fn: () => unknown) => void;

/** Cleanups that run last-in first-out after the test (node:test runs after-hooks in registration order). */
function cleanups(t: { after: (fn: () => Promise<void>) => void }): Defer {
  const fns: (() => unknown)[] = [];
  t.after(async () => {
    for (const fn of fns.reverse()) await fn();
  });
  return (fn) => fns.push(fn);
}

function tempDir(defer: Defer, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  defer(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

async function queryLines(url: string, query: string, headers: Record<string, string> = {}): Promise<string[]> {
  const qs = new URLSearchParams({ query, start: (nowNs() - 3_600_000_000_000n).toString(), end: (nowNs() + 60_000_000_000n).toString(), limit: '1000', direction: 'forward' });
  const res = await fetch(`${url}/loki/api/v1/query_range?${qs}`, { headers });
  assert.equal(res.status, 200, await res.clone().text());
  const json = (await res.json()) as { status: string; data: { resultType: string; result: { stream: Record<string, string>; values: [string, string][] }[] } };
  assert.equal(json.data.resultType, 'streams');
  return json.data.result.flatMap((s) => s.values.map(([, line]) => line)).sort();
}

test('watchpost server ingests JSON, gzip JSON and snappy protobuf, answers queries, and keeps data across a restart', async (t) => {
  const defer = cleanups(t);
  const dataDir = tempDir(defer, 'watchpost-e2e-');
  let server = await startServerProcess(dataDir);
  defer(() => server.stop());
  const base = nowNs() - 10_000_000_000n;
  const json = JSON.stringify({ streams: [{ stream: { app: 'e2e', via: 'json' }, values: [[(base + 1n).toString(), 'json line']] }] });
  const gz = gzipSync(JSON.stringify({ streams: [{ stream: { app: 'e2e', via: 'gzip' }, values: [[(base + 2n).toString(), 'gzip line']] }] }));
  const proto = compressSync(encodePushRequest([{ labels: '{app="e2e", via="protobuf"}', entries: [{ tsNs: base + 3n, line: 'protobuf line' }] }]));
  for (const [headers, body] of [
    [{ 'Content-Type': 'application/json' }, json],
    [{ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, gz],
    [{ 'Content-Type': 'application/x-protobuf' }, proto],
  ] as const) {
    const res = await fetch(`${server.url}/loki/api/v1/push`, { method: 'POST', headers, body });
    assert.equal(res.status, 204, await res.text());
  }
  const expected = ['gzip line', 'json line', 'protobuf line'];
  assert.deepEqual(await queryLines(server.url, '{app="e2e"}'), expected);
  const labels = (await (await fetch(`${server.url}/loki/api/v1/labels`)).json()) as { data: string[] };
  assert.ok(labels.data.includes('via'), JSON.stringify(labels));

  assert.equal(await server.stop(), 0);
  server = await startServerProcess(dataDir);
  assert.deepEqual(await queryLines(server.url, '{app="e2e"}'), expected);
});

test('a websocket tail receives lines pushed after it connected', async (t) => {
  const defer = cleanups(t);
  const server = await startServerProcess(tempDir(defer, 'watchpost-tail-'));
  defer(() => server.stop());
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/loki/api/v1/tail?query=${encodeURIComponent('{app="tail"} |= "wanted"')}`);
  defer(() => ws.terminate());
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const received: string[] = [];
  const done = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { streams: { stream: Record<string, string>; values: [string, string][] }[] };
      for (const s of msg.streams) for (const [, line] of s.values) received.push(line);
      if (received.length >= 2) resolve();
    });
  });
  const ts = nowNs();
  const body = JSON.stringify({ streams: [{ stream: { app: 'tail' }, values: [[ts.toString(), 'wanted 1'], [(ts + 1n).toString(), 'ignored'], [(ts + 2n).toString(), 'wanted 2']] }] });
  const res = await fetch(`${server.url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  assert.equal(res.status, 204);
  await done;
  assert.deepEqual(received, ['wanted 1', 'wanted 2']);
});

test('a tail with a bad parameter is refused with HTTP 400; a bad query closes the socket with 1011 and the parse error', async (t) => {
  const defer = cleanups(t);
  const server = await startServerProcess(tempDir(defer, 'watchpost-tail-bad-'));
  defer(() => server.stop());
  const base = server.url.replace('http', 'ws');
  const bad = new WebSocket(`${base}/loki/api/v1/tail?query=${encodeURIComponent('{app="x"}')}&delay_for=6`);
  bad.on('error', () => {});
  const status = await new Promise<number>((resolve) => bad.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
  bad.terminate();
  assert.equal(status, 400);
  const ws = new WebSocket(`${base}/loki/api/v1/tail?query=${encodeURIComponent('{app="x"')}`);
  const [code, reason] = await new Promise<[number, string]>((resolve) => ws.once('close', (c, r) => resolve([c, r.toString()])));
  assert.deepEqual([code, reason], [1011, 'parse error at line 1, col 9: syntax error: unexpected $end, expecting } or ,']);
});

test('/metrics is valid Prometheus text with Loki\'s metric names', async (t) => {
  const defer = cleanups(t);
  const server = await startServerProcess(tempDir(defer, 'watchpost-metrics-'));
  defer(() => server.stop());
  const push = JSON.stringify({ streams: [{ stream: { app: 'm' }, values: [[nowNs().toString(), 'x']] }] });
  await (await fetch(`${server.url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: push })).arrayBuffer();
  const res = await fetch(`${server.url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  assert.match(text, /^loki_distributor_lines_received_total\{tenant="fake",aggregated_metric="false"\} 1$/m);
  assert.match(text, /^loki_request_duration_seconds_count\{method="POST",route="loki_api_v1_push",status_code="204",ws="false"\} 1$/m);
  assert.match(text, /^loki_build_info\{/m);
  // promtool (Debian package prometheus) parses it as Prometheus does.
  const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (check.error) assert.fail(`promtool is needed for this test: ${check.error.message}`);
  assert.doesNotMatch(`${check.stdout}${check.stderr}`, /error while linting|parse error|text format parsing error/i);
});

test('watchpost server refuses a non-loopback address without auth (exit 78)', () => {
  const dataDir = join(tmpdir(), `watchpost-refuse-${process.pid}`);
  const r = spawnSync(process.execPath, [watchpostBin, 'server', '--http-listen-address', '0.0.0.0', '--http-listen-port', '0', '--data-dir', dataDir], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(existsSync(dataDir), false, 'the refused start created its data dir');
  assert.equal(r.status, 78, r.stderr);
  assert.match(r.stderr, /^error\[ERR_CONFIG_INVALID\]: refusing to listen on 0\.0\.0\.0/m);
});

test('auth from the config file: tokens and basic auth map to tenants; others get 401/403; TLS when configured', async (t) => {
  const defer = cleanups(t);
  const dir = tempDir(defer, 'watchpost-auth-');
  const tls = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
  if (tls.error || tls.status !== 0) assert.fail(`openssl (Debian package openssl) is needed for this test: ${tls.stderr ?? tls.error?.message}`);
  writeFileSync(
    join(dir, 'config.yaml'),
    `server:
  http_tls_config:
    cert_file: ${join(dir, 'cert.pem')}
    key_file: ${join(dir, 'key.pem')}
auth:
  tokens:
    - token: token-a
      tenants: [team-a]
    - token: token-b
      tenants: [team-b]
  basic_auth:
    - username: grafana
      password: pw
      read: [team-a]
`,
  );
  const server = await startServerProcess(join(dir, 'data'), ['--config', join(dir, 'config.yaml')], { https: true });
  defer(() => server.stop());
  const dispatcher = new Agent({ connect: { ca: readFileSync(join(dir, 'cert.pem')) } });
  defer(() => dispatcher.close());
  const call = async (method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> => {
    const res = await undiciFetch(`${server.url}${path}`, { method, headers, body, dispatcher });
    await res.arrayBuffer();
    return res.status;
  };
  const push = (tenantLine: string): string => JSON.stringify({ streams: [{ stream: { app: 'auth' }, values: [[nowNs().toString(), tenantLine]] }] });
  const json = { 'Content-Type': 'application/json' };
  const q = `/loki/api/v1/query_range?${new URLSearchParams({ query: '{app="auth"}', start: (nowNs() - 3_600_000_000_000n).toString(), end: (nowNs() + 60_000_000_000n).toString() })}`;
  assert.equal(await call('POST', '/loki/api/v1/push', json, push('a')), 401);
  assert.equal(await call('GET', q, {}), 401);
  assert.equal(await call('GET', '/loki/api/v1/labels', {}), 401);
  assert.equal(await call('GET', '/metrics', {}), 401);
  assert.equal(await call('POST', '/loki/api/v1/push', { ...json, Authorization: 'Bearer token-a' }, push('line of a')), 204);
  assert.equal(await call('POST', '/loki/api/v1/push', { ...json, Authorization: 'Bearer token-b' }, push('line of b')), 204);
  assert.equal(await call('POST', '/loki/api/v1/push', { ...json, Authorization: 'Bearer token-a', 'X-Scope-OrgID': 'team-b' }, push('x')), 403);
  assert.equal(await call('GET', q, { Authorization: 'Bearer token-a', 'X-Scope-OrgID': 'team-b' }), 403);
  const basic = `Basic ${Buffer.from('grafana:pw').toString('base64')}`;
  assert.equal(await call('POST', '/loki/api/v1/push', { ...json, Authorization: basic }, push('x')), 403);
  assert.equal(await call('GET', q, { Authorization: `Basic ${Buffer.from('grafana:nope').toString('base64')}` }), 401);
  const res = await undiciFetch(`${server.url}${q}`, { headers: { Authorization: basic }, dispatcher });
  const body = (await res.json()) as { data: { result: { values: [string, string][] }[] } };
  assert.deepEqual(body.data.result.flatMap((s) => s.values.map((v) => v[1])), ['line of a']);
});

test('the logcli-compatible client (watchpost logs) reads what was pushed', async (t) => {
  const defer = cleanups(t);
  const server = await startServerProcess(tempDir(defer, 'watchpost-logcli-'));
  defer(() => server.stop());
  const ts = nowNs() - 2_000_000n;
  const body = JSON.stringify({ streams: [{ stream: { app: 'logcli' }, values: [[ts.toString(), 'first'], [(ts + 1n).toString(), 'second']] }] });
  assert.equal((await fetch(`${server.url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).status, 204);
  const logs = (...args: string[]): string => {
    const r = spawnSync(process.execPath, [watchpostBin, 'logs', ...args, '--addr', server.url], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  assert.equal(logs('query', '--output', 'raw', '--forward', '{app="logcli"}'), 'first\nsecond\n');
  assert.equal(logs('series', '{app="logcli"}'), '{app="logcli", service_name="logcli"}\n');
});
