import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../core/index.js';
import { createStore } from '../../store/index.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

async function startWithStore(t: { after: (fn: () => Promise<void> | void) => void }): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-delete-'));
  const store = await createStore({ dataDir: dir, logger: createLogger({ write: () => {} }), fsync: false });
  const s = await startTestServer({ store });
  t.after(async () => {
    await s.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return s;
}

const nowS = Math.floor(Date.now() / 1000);

test('the delete API records a request, lists it, hides the deleted lines and cancels it', async (t) => {
  const s = await startWithStore(t);
  const tsNs = BigInt(nowS - 60) * 1_000_000_000n;
  const push = JSON.stringify({ streams: [{ stream: { app: 'del' }, values: [[tsNs.toString(), 'secret token=abc'], [(tsNs + 1n).toString(), 'harmless']] }] });
  assert.equal((await s.request('POST', '/loki/api/v1/push', { headers: { 'Content-Type': 'application/json' }, body: push })).status, 204);

  const add = await s.request('POST', `/loki/api/v1/delete?${new URLSearchParams({ query: '{app="del"} |= "secret"', start: String(nowS - 3600), end: String(nowS) })}`);
  assert.deepEqual([add.status, add.body], [204, '']);

  const list = await s.request('GET', '/loki/api/v1/delete');
  assert.equal(list.status, 200);
  const requests = JSON.parse(list.body) as { request_id: string; query: string; status: string; user_id: string; start_time: number; end_time: number }[];
  assert.equal(requests.length, 1);
  assert.deepEqual({ ...requests[0], request_id: '', created_at: 0 }, { request_id: '', created_at: 0, query: '{app="del"} |= "secret"', status: 'received', user_id: 'fake', start_time: nowS - 3600, end_time: nowS });

  const qs = new URLSearchParams({ query: '{app="del"}', start: String(nowS - 3600), end: String(nowS + 60) });
  const after = JSON.parse((await s.request('GET', `/loki/api/v1/query_range?${qs}`)).body) as { data: { result: { values: [string, string][] }[] } };
  assert.deepEqual(after.data.result.flatMap((r) => r.values.map((v) => v[1])), ['harmless']);

  const id = requests[0]?.request_id ?? '';
  assert.equal((await s.request('DELETE', `/loki/api/v1/delete?request_id=${encodeURIComponent(id)}`)).status, 204);
  assert.deepEqual(JSON.parse((await s.request('GET', '/loki/api/v1/delete')).body), []);
  const unknown = await s.request('DELETE', '/loki/api/v1/delete?request_id=nope');
  assert.deepEqual([unknown.status, unknown.body], [404, 'could not find delete request with given id']);
});

const invalid: { name: string; params: Record<string, string>; message: string }[] = [
  { name: 'no query', params: { start: String(nowS - 10) }, message: 'query not set' },
  { name: 'a query that does not parse', params: { query: 'not a query', start: String(nowS - 10) }, message: 'invalid query expression' },
  { name: 'a parser stage', params: { query: '{app="x"} | json', start: String(nowS - 10) }, message: 'invalid query expression' },
  { name: 'no start', params: { query: '{app="x"}' }, message: 'start time not set' },
  { name: 'a millisecond start', params: { query: '{app="x"}', start: '0000000000000' }, message: 'invalid start time: require unix seconds or RFC3339 format' },
  { name: 'a bad end', params: { query: '{app="x"}', start: '0000000000', end: '0000000000001' }, message: 'invalid end time: require unix seconds or RFC3339 format' },
  { name: 'an end in the future', params: { query: '{app="x"}', start: '0000000000', end: String(nowS + 3600) }, message: 'deletes in the future are not allowed' },
  { name: 'start after end', params: { query: '{app="x"}', start: '0000000001', end: '0000000000' }, message: "start time can't be greater than end time" },
];

for (const c of invalid) {
  test(`POST /loki/api/v1/delete with ${c.name} answers 400 with Loki's text`, async (t) => {
    const s = await startWithStore(t);
    const res = await s.request('POST', `/loki/api/v1/delete?${new URLSearchParams(c.params)}`);
    assert.deepEqual([res.status, res.body], [400, c.message]);
    assert.deepEqual(JSON.parse((await s.request('GET', '/loki/api/v1/delete')).body), []);
  });
}

test('the in-memory store offers no delete API: the route is absent', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  assert.equal((await s.request('GET', '/loki/api/v1/delete')).status, 404);
});
