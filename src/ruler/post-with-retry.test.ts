import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWithRetry } from './post-with-retry.js';

/** A receiver answering the given statuses in turn (the last one repeats). */
async function startReceiver(statuses: number[]): Promise<{ url: string; seen: Array<{ headers: IncomingHttpHeaders; body: string }>; close(): Promise<void> }> {
  const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      res.statusCode = statuses[Math.min(seen.length - 1, statuses.length - 1)] as number;
      res.end(`answer ${res.statusCode}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/in`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const cases: Array<{ name: string; statuses: number[]; attempts: number; want: { ok: boolean; status: number; error: string }; tries: number }> = [
  { name: '200 at once', statuses: [200], attempts: 3, want: { ok: true, status: 200, error: '' }, tries: 1 },
  { name: '503 then 204: retried', statuses: [503, 204], attempts: 3, want: { ok: true, status: 204, error: '' }, tries: 2 },
  { name: '429 every time: the last answer after all attempts', statuses: [429], attempts: 2, want: { ok: false, status: 429, error: '429 answer 429' }, tries: 2 },
  { name: '400 is final', statuses: [400, 200], attempts: 3, want: { ok: false, status: 400, error: '400 answer 400' }, tries: 1 },
];

for (const c of cases) {
  test(`postWithRetry(): ${c.name}`, async (t) => {
    const receiver = await startReceiver(c.statuses);
    t.after(() => receiver.close());
    const result = await postWithRetry(receiver.url, 'payload', { attempts: c.attempts, backoffMs: 1, headers: { 'X-Scope-OrgID': 'team-a' } });
    assert.deepEqual(result, c.want);
    assert.equal(receiver.seen.length, c.tries);
    assert.deepEqual(receiver.seen.map((r) => [r.body, r.headers['user-agent'], r.headers['x-scope-orgid']]), Array(c.tries).fill(['payload', 'Watchpost-ruler', 'team-a']));
  });
}

test('postWithRetry(): a network error is status 0 with its message', async () => {
  const receiver = await startReceiver([200]);
  await receiver.close();
  const result = await postWithRetry(receiver.url, new Uint8Array([1, 2]), { attempts: 2, backoffMs: 1 });
  assert.equal(result.ok, false);
  assert.equal(result.status, 0);
  assert.notEqual(result.error, '');
});
