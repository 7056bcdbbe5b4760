import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { compressSync } from 'snappy';
import { WatchpostError } from '../../core/index.js';
import { encodePushRequest } from '../push/encode-protobuf.js';
import { startTestServer } from '../testing/test-server.js';

const jsonHeaders = { 'Content-Type': 'application/json' };
const okBody = JSON.stringify({ streams: [{ stream: { app: 'x' }, values: [['1700000000000000000', 'hello']] }] });

test('POST /loki/api/v1/push stores JSON and answers 204 with an empty body', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  const res = await s.request('POST', '/loki/api/v1/push', { headers: jsonHeaders, body: okBody });
  assert.equal(res.status, 204);
  assert.equal(res.body, '');
  assert.deepEqual([...s.store.dump('fake').keys()], ['{app="x"}']);
});

test('POST /loki/api/v1/push stores promtail-style snappy protobuf', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  const body = compressSync(encodePushRequest([{ labels: '{job="varlogs"}', entries: [{ tsNs: 1n, line: 'a' }, { tsNs: 2n, line: 'b' }] }]));
  const res = await s.request('POST', '/loki/api/v1/push', { headers: { 'Content-Type': 'application/x-protobuf', 'User-Agent': 'promtail/3.0.0' }, body });
  assert.equal(res.status, 204);
  assert.deepEqual(s.store.dump('fake').get('{job="varlogs"}')?.map((e) => e.line), ['a', 'b']);
});

test('POST /api/prom/push stores the legacy JSON shape', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  const body = JSON.stringify({ streams: [{ labels: '{app="legacy"}', entries: [{ ts: '2024-01-02T03:04:05Z', line: 'old' }] }] });
  const res = await s.request('POST', '/api/prom/push', { headers: jsonHeaders, body });
  assert.equal(res.status, 204);
  assert.equal(s.store.dump('fake').get('{app="legacy"}')?.[0]?.tsNs, 1704164645_000000000n);
});

const bad: { name: string; headers: Record<string, string>; body: string | Buffer; status: number; text: string | RegExp }[] = [
  { name: 'malformed JSON', headers: jsonHeaders, body: '{"streams":[{', status: 400, text: /^ReadObject: / },
  { name: 'a missing Content-Type', headers: {}, body: Buffer.from(okBody), status: 400, text: 'mime: no media type' },
  { name: 'malformed snappy', headers: { 'Content-Type': 'application/x-protobuf' }, body: Buffer.from([3, 0xff, 0xfe]), status: 400, text: 'snappy: corrupt input' },
  { name: 'bad labels', headers: jsonHeaders, body: '{"streams":[{"stream":{"a.b":"c"},"values":[["1","x"]]}]}', status: 400, text: "couldn't parse labels: 1:3: parse error: unexpected character inside braces: '.'" },
  { name: 'a bad timestamp', headers: jsonHeaders, body: '{"streams":[{"stream":{"a":"b"},"values":[["soon","x"]]}]}', status: 400, text: 'error reading entry timestamp: strconv.ParseInt: parsing "soon": invalid syntax' },
  { name: 'no streams', headers: jsonHeaders, body: '{"streams":[]}', status: 422, text: 'error at least one valid stream is required for ingestion' },
  { name: 'an unsupported encoding', headers: { ...jsonHeaders, 'Content-Encoding': 'br' }, body: okBody, status: 400, text: 'Content-Encoding "br" not supported' },
];

for (const b of bad) {
  test(`POST /loki/api/v1/push answers ${b.name} with Loki's ${b.status} text and stores nothing`, async (t) => {
    const s = await startTestServer();
    t.after(() => s.close());
    const res = await s.request('POST', '/loki/api/v1/push', { headers: b.headers, body: b.body });
    assert.equal(res.status, b.status);
    assert.equal(res.contentType, 'text/plain; charset=utf-8');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    if (typeof b.text === 'string') assert.equal(res.body, b.text);
    else assert.match(res.body, b.text);
    assert.equal(s.store.pushes.length, 0);
  });
}

test('POST /loki/api/v1/push refuses a body over the limit with 413, and a gzip bomb too', async (t) => {
  const s = await startTestServer({ maxBodyBytes: 64 * 1024 });
  t.after(() => s.close());
  const huge = await s.request('POST', '/loki/api/v1/push', { headers: jsonHeaders, body: Buffer.alloc(128 * 1024, 0x20) });
  assert.equal(huge.status, 413);
  assert.equal(huge.headers.get('x-watchpost-error-code'), 'ERR_API_BODY_TOO_LARGE');
  const bomb = await s.request('POST', '/loki/api/v1/push', { headers: { ...jsonHeaders, 'Content-Encoding': 'gzip' }, body: gzipSync(Buffer.alloc(1024 * 1024, 0x20)) });
  assert.equal(bomb.status, 413);
  assert.equal(s.store.pushes.length, 0);
  // The server still works afterwards.
  assert.equal((await s.request('POST', '/loki/api/v1/push', { headers: jsonHeaders, body: okBody })).status, 204);
});

test('POST /loki/api/v1/push answers the store\'s validation and rate errors verbatim', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  const text = "entry for stream '{app=\"x\"}' has timestamp too old: 2024-01-01T00:00:00Z, oldest acceptable timestamp is: 2024-01-08T00:00:00Z";
  s.store.failNext(new WatchpostError('ERR_INGEST_INVALID', text));
  const invalid = await s.request('POST', '/loki/api/v1/push', { headers: jsonHeaders, body: okBody });
  assert.deepEqual([invalid.status, invalid.body], [400, text]);
  s.store.failNext(new WatchpostError('ERR_INGEST_RATE_LIMITED', 'ingestion rate limit exceeded for user fake'));
  assert.equal((await s.request('POST', '/loki/api/v1/push', { headers: jsonHeaders, body: okBody })).status, 429);
  s.store.failNext(new WatchpostError('ERR_STORE_WRITE', 'write /data/wal/00000001: no space left on device'));
  const full = await s.request('POST', '/loki/api/v1/push', { headers: jsonHeaders, body: okBody });
  assert.deepEqual([full.status, full.headers.get('x-watchpost-error-code')], [500, 'ERR_STORE_WRITE']);
});

test('an unexpected store failure answers 500 without leaking its message', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  s.store.failNext(new Error('secret internal detail'));
  const res = await s.request('POST', '/loki/api/v1/push', { headers: jsonHeaders, body: okBody });
  assert.deepEqual([res.status, res.body], [500, 'internal server error']);
});

test('GET on the push route answers 405; unknown paths 404', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  assert.equal((await s.request('GET', '/loki/api/v1/push')).status, 405);
  assert.deepEqual(Object.values(await s.request('GET', '/nope')).slice(0, 1), [404]);
});

test('/metrics serves extra registries beside the server\'s own, each name once', async (t) => {
  const { Counter, Registry, collectDefaultMetrics } = await import('prom-client');
  const extra = new Registry();
  collectDefaultMetrics({ register: extra });
  new Counter({ name: 'watchpost_agent_test_total', help: 'test', registers: [extra] }).inc(3);
  const s = await startTestServer({ extraRegistries: [extra], isReady: () => false });
  t.after(() => s.close());
  const text = (await s.request('GET', '/metrics')).body;
  assert.match(text, /^watchpost_agent_test_total 3$/m);
  assert.equal(text.match(/^# TYPE process_cpu_seconds_total /gm)?.length, 1);
  assert.equal((await s.request('GET', '/ready')).status, 503);
});

test('pushes past the in-flight byte bound answer 429 while the store is slow, then succeed again', async (t) => {
  const { createMemoryStore } = await import('../testing/memory-store.js');
  const inner = createMemoryStore();
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  let entered: () => void = () => {};
  const waiting = new Promise<void>((r) => (entered = r));
  const slow = {
    ...inner,
    push: async (tenant: string, streams: Parameters<typeof inner.push>[1]): Promise<void> => {
      entered();
      await gate;
      return inner.push(tenant, streams);
    },
  };
  const s = await startTestServer({ store: slow, maxInflightPushBytes: okBody.length + 10 });
  t.after(() => s.close());
  const first = s.request('POST', '/loki/api/v1/push', { headers: jsonHeaders, body: okBody });
  await waiting; // the first push holds its bytes until the store answers
  const second = await s.request('POST', '/loki/api/v1/push', { headers: jsonHeaders, body: okBody });
  assert.deepEqual([second.status, second.body], [429, `too many push bytes in flight (limit ${okBody.length + 10} bytes), retry later`]);
  release();
  assert.equal((await first).status, 204);
  assert.equal((await s.request('POST', '/loki/api/v1/push', { headers: jsonHeaders, body: okBody })).status, 204);
});
