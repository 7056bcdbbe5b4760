import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postWithRetry } from './post-with-retry.js';
import { startWebhookReceiver } from './testing/webhook-receiver.js';

const cases: Array<{ name: string; statuses: number[]; attempts: number; want: { ok: boolean; status: number; error: string }; tries: number }> = [
  { name: '200 at once', statuses: [200], attempts: 3, want: { ok: true, status: 200, error: '' }, tries: 1 },
  { name: '503 then 204: retried', statuses: [503, 204], attempts: 3, want: { ok: true, status: 204, error: '' }, tries: 2 },
  { name: '429 every time: the last answer after all attempts', statuses: [429, 429, 429], attempts: 2, want: { ok: false, status: 429, error: '429 ' }, tries: 2 },
  { name: '400 is final', statuses: [400], attempts: 3, want: { ok: false, status: 400, error: '400 ' }, tries: 1 },
];

for (const c of cases) {
  test(`postWithRetry(): ${c.name}`, async (t) => {
    const receiver = await startWebhookReceiver([...c.statuses]);
    t.after(() => receiver.close());
    const result = await postWithRetry(receiver.url, '{"n":1}', { attempts: c.attempts, backoffMs: 1, headers: { 'X-Scope-OrgID': 'team-a' } });
    assert.deepEqual(result, c.want);
    assert.deepEqual(receiver.bodies, Array(c.tries).fill({ n: 1 }));
    assert.deepEqual(receiver.headers.map((h) => [h['user-agent'], h['x-scope-orgid']]), Array(c.tries).fill(['Watchpost-ruler', 'team-a']));
  });
}

test('postWithRetry(): a network error is status 0 with its message', async () => {
  const receiver = await startWebhookReceiver();
  await receiver.close();
  const result = await postWithRetry(receiver.url, new Uint8Array([1, 2]), { attempts: 2, backoffMs: 1 });
  assert.equal(result.ok, false);
  assert.equal(result.status, 0);
  assert.notEqual(result.error, '');
});
