import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../testing/test-server.js';

interface TailMessage {
  readonly streams: { readonly stream: Record<string, string>; readonly values: [string, string][] }[];
}

function connect(s: TestServer, params: Record<string, string>, headers: Record<string, string> = {}): WebSocket {
  return new WebSocket(`${s.url.replace('http', 'ws')}/loki/api/v1/tail?${new URLSearchParams(params)}`, { headers });
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
}

/** Collects lines until `count` arrived. */
function collect(ws: WebSocket, count: number): Promise<{ labels: Record<string, string>; line: string }[]> {
  const got: { labels: Record<string, string>; line: string }[] = [];
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as TailMessage;
      for (const s of msg.streams) for (const [, line] of s.values) got.push({ labels: s.stream, line });
      if (got.length >= count) resolve(got);
    });
  });
}

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

test('tail replays past lines oldest first, then streams matching lines pushed after connecting', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  const past = nowNs() - 60_000_000_000n;
  await s.store.push('fake', [{ labels: { app: 'a' }, entries: [{ tsNs: past, line: 'old 1 ok' }, { tsNs: past + 1n, line: 'old 2 ok' }, { tsNs: past + 2n, line: 'old 3 skip' }] }]);
  const ws = connect(s, { query: '{app="a"} |= "ok" | logfmt', limit: '10' });
  t.after(() => ws.terminate());
  const lines = collect(ws, 4);
  await opened(ws);
  // The session subscribed before the upgrade completed; lines pushed during the replay wait behind it.
  const ts = nowNs();
  await s.store.push('fake', [
    { labels: { app: 'a' }, entries: [{ tsNs: ts, line: 'new ok level=warn' }, { tsNs: ts + 1n, line: 'new skip' }] },
    { labels: { app: 'b' }, entries: [{ tsNs: ts, line: 'other stream ok' }] },
    { labels: { app: 'a' }, entries: [{ tsNs: ts + 2n, line: 'new ok 2' }] },
  ]);
  const got = await lines;
  assert.deepEqual(got.map((g) => g.line), ['old 1 ok', 'old 2 ok', 'new ok level=warn', 'new ok 2']);
  assert.deepEqual(got[2]?.labels, { app: 'a', level: 'warn' });
});

test('tail parameter errors answer HTTP 400 before the upgrade', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  for (const [params, text] of [
    [{ query: '{app="a"}', delay_for: '6' }, "delay_for can't be greater than 5"],
    [{ query: '{app="a"}', limit: '0' }, 'limit must be a positive value'],
    [{ query: '{app="a"}', start: 'soon' }, `could not parse 'start' parameter: strconv.ParseInt: parsing "soon": invalid syntax`],
  ] as const) {
    const ws = connect(s, params);
    ws.on('error', () => {});
    const [status, body] = await new Promise<[number, string]>((resolve) =>
      ws.once('unexpected-response', (_req, r) => {
        let b = '';
        r.on('data', (c: Buffer) => (b += c.toString()));
        r.on('end', () => resolve([r.statusCode ?? 0, b]));
      }),
    );
    ws.terminate();
    assert.deepEqual([status, body], [400, text]);
  }
});

test('a tail query that does not parse, or a metric query, closes the socket with 1011 and the parse error', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  for (const [query, reason] of [
    ['{app="a"', 'parse error at line 1, col 9: syntax error: unexpected $end, expecting } or ,'],
    ['count_over_time({app="a"}[1m])', 'parse error : only log selector is supported'],
  ] as const) {
    const ws = connect(s, { query });
    const closed = await new Promise<[number, string]>((resolve) => ws.once('close', (code, r) => resolve([code, r.toString()])));
    assert.deepEqual(closed, [1011, reason]);
  }
});

test('tail needs credentials when auth is on, and only reads granted tenants', async (t) => {
  const s = await startTestServer({ auth: { tokens: [{ token: 'ta', tenants: ['a'] }] } });
  t.after(() => s.close());
  const statusOf = (ws: WebSocket): Promise<number> =>
    new Promise((resolve) => {
      ws.on('error', () => {});
      ws.once('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
      ws.once('open', () => resolve(101));
    });
  assert.equal(await statusOf(connect(s, { query: '{app="a"}' })), 401);
  assert.equal(await statusOf(connect(s, { query: '{app="a"}' }, { Authorization: 'Bearer ta', 'X-Scope-OrgID': 'b' })), 403);
  const ok = connect(s, { query: '{app="a"}' }, { Authorization: 'Bearer ta' });
  assert.equal(await statusOf(ok), 101);
  ok.terminate();
});

test('the 11th concurrent tail of a tenant is closed with 1011 and Loki\'s limit text', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  const open: WebSocket[] = [];
  t.after(() => open.forEach((w) => w.terminate()));
  for (let i = 0; i < 10; i++) {
    const ws = connect(s, { query: '{app="a"}' });
    open.push(ws);
    await opened(ws);
  }
  const extra = connect(s, { query: '{app="a"}' });
  const closed = await new Promise<[number, string]>((resolve) => extra.once('close', (code, r) => resolve([code, r.toString()])));
  assert.deepEqual(closed, [1011, 'max concurrent tail requests limit exceeded, count > limit (11 > 10)']);
});
