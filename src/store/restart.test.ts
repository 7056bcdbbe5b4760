import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createStore } from './create-store.js';
import type { WatchpostStore } from './types.js';
import { collect, makeTempDir, selector, unlimited } from './testdata/store-fixtures.js';

const nowMs = Date.UTC(2026, 0, 10, 12, 0, 0);
const base = nowMs - 3600_000;

/** 3 streams × 400 entries, some out of order, with metadata and non-ASCII lines. */
function dataset(): { labels: Record<string, string>; entries: { tsNs: bigint; line: string; metadata?: Record<string, string> }[] }[] {
  return ['a', 'b', 'c'].map((name, si) => ({
    labels: { app: name, job: 'test' },
    entries: Array.from({ length: 400 }, (_, i) => {
      const j = i % 10 === 9 ? i - 5 : i; // every tenth entry goes back in time
      const entry = { tsNs: BigInt(base + j * 1000 + si) * 1_000_000n + BigInt(i), line: `${name} line ${i} ünïcödé ${'x'.repeat(i % 50)}` };
      return i % 7 === 0 ? { ...entry, metadata: { trace_id: `t${i}` } } : entry;
    }),
  }));
}

async function snapshot(store: WatchpostStore): Promise<string> {
  const res = await collect(store, { selector: selector(['job', '=', 'test']) });
  const keys = [...res.keys()].sort();
  return keys.map((k) => `${k}\n${(res.get(k) as { lines: string[]; ts: bigint[] }).ts.map((t, i) => `${t} ${res.get(k)?.lines[i]}`).join('\n')}`).join('\n');
}

async function pushAll(store: WatchpostStore): Promise<void> {
  for (const s of dataset()) {
    for (let i = 0; i < s.entries.length; i += 50) await store.push('fake', [{ labels: s.labels, entries: s.entries.slice(i, i + 50) }]);
  }
}

/**
 * `abandons`: the first store is left open, as after a crash. It must then
 * have no background work left (no chunk cuts, no spare WAL segment being
 * prepared), or the live, abandoned store would keep changing the directory
 * the second one replays, which a dead process never does. Crashes at any
 * point are covered by crash-safety.test.ts with real kill -9s.
 */
const modes: { name: string; abandons?: boolean; reopen: (dir: string, store: WatchpostStore) => Promise<WatchpostStore> }[] = [
  { name: 'in memory', reopen: async (_dir, store) => store },
  {
    name: 'after flush to chunks',
    reopen: async (_dir, store) => {
      await store.flush();
      return store;
    },
  },
  {
    name: 'close and reopen',
    reopen: async (dir, store) => {
      await store.close();
      return createStore({ dataDir: dir, now: () => nowMs, limits: unlimited });
    },
  },
  {
    // The first store is abandoned without close, as after a crash: only the WAL has the heads.
    name: 'reopen without close (WAL replay)',
    abandons: true,
    reopen: async (dir) => createStore({ dataDir: dir, now: () => nowMs, limits: unlimited }),
  },
  {
    name: 'some chunks flushed, rest in WAL, reopen without close',
    abandons: true,
    reopen: async (dir, store) => {
      await store.flush();
      await store.push('fake', [{ labels: { app: 'a', job: 'test' }, entries: [{ tsNs: BigInt(base + 999_000) * 1_000_000n, line: 'after flush' }] }]);
      return createStore({ dataDir: dir, now: () => nowMs, limits: unlimited });
    },
  },
];

for (const mode of modes) {
  test(`every pushed entry is returned, once and in order: ${mode.name}`, async () => {
    const tmp = await makeTempDir();
    const quiet = mode.abandons === true ? { maxChunkBytes: 1 << 30, walPreallocate: false } : { maxChunkBytes: 8 * 1024 };
    const opts = { dataDir: tmp.dir, now: () => nowMs, limits: unlimited, blockBytes: 2048, maintenanceIntervalMs: 3600_000, ...quiet };
    const reference = await createStore({ ...opts, dataDir: join(tmp.dir, 'ref') });
    await pushAll(reference);
    const store = await createStore(opts);
    await pushAll(store);
    let expected = await snapshot(reference);
    if (mode.name.startsWith('some chunks')) {
      await reference.push('fake', [{ labels: { app: 'a', job: 'test' }, entries: [{ tsNs: BigInt(base + 999_000) * 1_000_000n, line: 'after flush' }] }]);
      expected = await snapshot(reference);
    }
    const reopened = await mode.reopen(tmp.dir, store);
    try {
      assert.equal(await snapshot(reopened), expected);
      assert.equal(expected.split('\n').length, 3 + 1200 + (mode.name.startsWith('some chunks') ? 1 : 0));
    } finally {
      await reopened.close();
      await reference.close();
      await tmp.cleanup();
    }
  });
}

test('chunks are cut by size and the WAL is truncated once they are durable', async () => {
  const tmp = await makeTempDir();
  try {
    const store = await createStore({ dataDir: tmp.dir, now: () => nowMs, limits: unlimited, maxChunkBytes: 4096, walSegmentBytes: 16 * 1024 });
    await pushAll(store);
    await store.flush();
    const chunkFiles = await readdir(join(tmp.dir, 'chunks', 'fake'));
    assert.ok(chunkFiles.length >= 10, `expected many chunks, got ${chunkFiles.length}`);
    const walFiles = await readdir(join(tmp.dir, 'wal'));
    // At most: the current segment, the prepared spare and two kept for recycling.
    assert.ok(walFiles.length <= 4, `WAL not truncated: ${walFiles.join(',')}`);
    await store.close();
  } finally {
    await tmp.cleanup();
  }
});

test('heads are cut when all of them together pass maxHeadBytes', async () => {
  const tmp = await makeTempDir();
  try {
    const store = await createStore({ dataDir: tmp.dir, now: () => nowMs, limits: unlimited, maxChunkBytes: 1 << 30, maxHeadBytes: 4 * 1024 });
    await pushAll(store);
    await store.flush();
    // Without the cap every stream would be one chunk (3 in all).
    assert.ok((await readdir(join(tmp.dir, 'chunks', 'fake'))).length > 6);
    await store.close();
  } finally {
    await tmp.cleanup();
  }
});
