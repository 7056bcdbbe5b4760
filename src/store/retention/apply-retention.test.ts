import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createStore } from '../create-store.js';
import { allLines, makeTempDir } from '../testdata/store-fixtures.js';

const hourMs = 3600_000;
const dayMs = 24 * hourMs;

test('retention deletes whole expired chunks per tenant and nothing else', async () => {
  const tmp = await makeTempDir();
  let nowMs = Date.UTC(2026, 0, 10, 0, 0, 0);
  const at = (ms: number): bigint => BigInt(ms) * 1_000_000n;
  const store = await createStore({
    dataDir: tmp.dir,
    now: () => nowMs,
    retentionPeriodMs: 2 * dayMs,
    tenantRetentionPeriodMs: { forever: 0 },
    maintenanceIntervalMs: 3600_000,
  });
  try {
    const day0 = nowMs - 6 * dayMs;
    // Chunk 1: entirely old. Chunk 2: straddles the future cutoff. Chunk 3: recent. One chunk per flush.
    await store.push('fake', [{ labels: { app: 'x' }, entries: [{ tsNs: at(day0), line: 'old 1' }, { tsNs: at(day0 + hourMs), line: 'old 2' }] }]);
    await store.push('forever', [{ labels: { app: 'x' }, entries: [{ tsNs: at(day0), line: 'kept forever' }] }]);
    await store.flush();
    await store.push('fake', [{ labels: { app: 'x' }, entries: [{ tsNs: at(day0 + 3 * dayMs), line: 'straddle old' }, { tsNs: at(day0 + 5 * dayMs), line: 'straddle new' }] }]);
    await store.flush();
    await store.push('fake', [{ labels: { app: 'x' }, entries: [{ tsNs: at(day0 + 5 * dayMs + hourMs), line: 'recent' }] }]);
    await store.flush();
    await store.push('fake', [{ labels: { app: 'y' }, entries: [{ tsNs: at(day0 + 2 * hourMs), line: 'old head' }] }]);
    await store.flush();
    assert.equal((await readdir(join(tmp.dir, 'chunks', 'fake'))).length, 4);

    nowMs = day0 + 6 * dayMs; // cutoff = day0 + 4d
    const result = await store.applyRetention();
    assert.deepEqual(result, { chunksDeleted: 2, streamsRemoved: 1 });
    assert.deepEqual(await allLines(store), ['straddle old', 'straddle new', 'recent']);
    assert.deepEqual(await allLines(store, 'forever'), ['kept forever']);
    assert.equal((await readdir(join(tmp.dir, 'chunks', 'fake'))).length, 2);
    assert.deepEqual(await store.labelValues('fake', 'app', { startNs: 0n, endNs: 1n << 62n }), ['x']);
  } finally {
    await store.close();
    await tmp.cleanup();
  }
});
