import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createStore } from '../create-store.js';
import { allLines, entries, makeTempDir, selector, ts } from '../testdata/store-fixtures.js';

test('delete requests past the cancel period are applied to chunks and marked processed', async () => {
  const tmp = await makeTempDir();
  let nowMs = Date.UTC(2026, 0, 10, 12, 0, 0);
  const base = nowMs - 3600_000;
  const store = await createStore({ dataDir: tmp.dir, now: () => nowMs, maintenanceIntervalMs: 3600_000 });
  try {
    await store.push('fake', [
      { labels: { app: 'api' }, entries: entries(base, [[0, 'keep'], [1000, 'drop me'], [2000, 'drop me too']]) },
      { labels: { app: 'web' }, entries: entries(base, [[1000, 'drop me (other stream)']]) },
    ]);
    await store.flush();
    const info = await store.addDeleteRequest('fake', { query: '{app="api"} |= "drop"', selector: selector(['app', '=', 'api']), lineFilters: [{ kind: 'LineFilter', op: '|=', values: [{ value: 'drop', ip: false }] }], startNs: ts(base, 0), endNs: ts(base, 5000) });
    assert.deepEqual(await store.processDeleteRequests(), { processed: 0, chunksRewritten: 0 }, 'inside the cancel period nothing is applied');
    nowMs += 24 * 3600_000 + 1000;
    assert.deepEqual(await store.processDeleteRequests(), { processed: 1, chunksRewritten: 1 });
    assert.equal((await store.listDeleteRequests('fake'))[0]?.status, 'processed');
    await assert.rejects(store.cancelDeleteRequest('fake', info.request_id), { code: 'ERR_API_BAD_REQUEST' });
    assert.equal(await store.cancelDeleteRequest('fake', info.request_id, true), true);
    // Gone from the chunk itself: cancelling (forced) cannot bring it back.
    assert.deepEqual(await allLines(store), ['keep', 'drop me (other stream)']);
    assert.deepEqual(await store.stats('fake', selector(['app', '=', 'api']), { startNs: 0n, endNs: 1n << 62n }), { streams: 1, chunks: 1, entries: 1, bytes: 4 });
  } finally {
    await store.close();
    await tmp.cleanup();
  }
});
