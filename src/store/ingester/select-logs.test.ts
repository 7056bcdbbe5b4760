import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createStore } from '../create-store.js';
import { collect, makeTempDir, selector, unlimited } from '../testdata/store-fixtures.js';

const nowMs = Date.UTC(2026, 0, 10, 12, 0, 0);
const base = nowMs - 3600_000;
const at = (s: number): bigint => BigInt(base + s * 1000) * 1_000_000n;

test('selectLogs reads chunks, blocks and the head in order, with limits and pruning', async () => {
  const tmp = await makeTempDir();
  const store = await createStore({ dataDir: tmp.dir, now: () => nowMs, limits: unlimited, maxChunkBytes: 1 << 30, blockBytes: 64 });
  try {
    const push = (from: number, to: number, tag: string) =>
      store.push('fake', [{ labels: { app: 'a' }, entries: Array.from({ length: to - from }, (_, i) => ({ tsNs: at(from + i), line: `${tag}${from + i}` })) }]);
    await push(0, 10, 'c1-'); // chunk 1: 0..9
    await store.flush();
    await push(10, 20, 'c2-'); // chunk 2: 10..19
    await store.flush();
    await push(20, 25, 'h-'); // head: 20..24
    const lines = async (o: { start?: number; end?: number; direction?: 'forward' | 'backward'; limit?: number }) =>
      [...(await collect(store, { selector: selector(['app', '=', 'a']), startNs: at(o.start ?? 0), endNs: at(o.end ?? 100), direction: o.direction, limitPerStream: o.limit })).values()].flatMap((s) => s.lines);
    const cases = [
      { name: 'forward across chunks and head', o: { start: 8, end: 22 }, want: ['c1-8', 'c1-9', 'c2-10', 'c2-11', 'c2-12', 'c2-13', 'c2-14', 'c2-15', 'c2-16', 'c2-17', 'c2-18', 'c2-19', 'h-20', 'h-21'] },
      { name: 'backward limit stops in the newest data', o: { direction: 'backward' as const, limit: 3 }, want: ['h-24', 'h-23', 'h-22'] },
      { name: 'backward limit spanning head and chunk', o: { direction: 'backward' as const, limit: 7, end: 22 }, want: ['h-21', 'h-20', 'c2-19', 'c2-18', 'c2-17', 'c2-16', 'c2-15'] },
      { name: 'forward limit from the oldest', o: { limit: 2 }, want: ['c1-0', 'c1-1'] },
      { name: 'range inside one chunk', o: { start: 12, end: 14 }, want: ['c2-12', 'c2-13'] },
    ];
    for (const c of cases) assert.deepEqual(await lines(c.o), c.want, c.name);

    // An out-of-order push overlapping flushed chunks is merged in time order, duplicates once.
    await store.push('fake', [{ labels: { app: 'a' }, entries: [{ tsNs: at(5), line: 'late-5' }, { tsNs: at(12), line: 'c2-12' }] }]);
    assert.deepEqual(await lines({ start: 4, end: 7 }), ['c1-4', 'c1-5', 'late-5', 'c1-6']);
    assert.deepEqual(await lines({ start: 11, end: 14 }), ['c2-11', 'c2-12', 'c2-13']);
    assert.deepEqual(await lines({ start: 4, end: 7, direction: 'backward', limit: 2 }), ['c1-6', 'late-5']);
    const stats = await store.stats('fake', selector(['app', '=', 'a']), { startNs: 0n, endNs: at(100) });
    assert.deepEqual(stats.streams, 1);
    assert.equal(stats.entries, 27);
  } finally {
    await store.close();
    await tmp.cleanup();
  }
});

test('selectLogs stops reading a stream once isStreamDone says the caller has what it can use', async () => {
  const tmp = await makeTempDir();
  const store = await createStore({ dataDir: tmp.dir, now: () => nowMs, limits: unlimited, maxChunkBytes: 1 << 30, blockBytes: 64 });
  try {
    const push = (from: number, to: number) =>
      store.push('fake', [{ labels: { app: 'a' }, entries: Array.from({ length: to - from }, (_, i) => ({ tsNs: at(from + i), line: `l${from + i}` })) }]);
    await push(0, 10);
    await store.flush();
    await push(10, 20);
    let batches = 0;
    let done = false;
    const seen: string[] = [];
    for await (const batch of store.selectLogs({
      tenant: 'fake',
      selector: selector(['app', '=', 'a']),
      startNs: at(0),
      endNs: at(100),
      direction: 'forward',
      isStreamDone: () => done,
    })) {
      batches++;
      seen.push(...batch.entries.map((e) => e.line));
      done = true;
    }
    assert.equal(batches, 1);
    assert.equal(seen[0], 'l0');
    assert.ok(seen.length < 20, 'the rest of the stream was not read');
  } finally {
    await store.close();
    await tmp.cleanup();
  }
});

test('an out-of-order head is sorted by the first query that reads it, and stays sorted for the next', async () => {
  const tmp = await makeTempDir();
  const store = await createStore({ dataDir: tmp.dir, now: () => nowMs, limits: unlimited, maxChunkBytes: 1 << 30 });
  try {
    const push = (secs: number[], tag: string) => store.push('fake', [{ labels: { app: 'a' }, entries: secs.map((s) => ({ tsNs: at(s), line: `${tag}${s}` })) }]);
    await push([10, 11, 12], 'x');
    await push([5, 6], 'y'); // behind the head's newest: the head is no longer in order
    await push([11], 'x'); // an exact repeat of x11 (not the stream's last line: the push path keeps it)
    await push([13], 'x');
    const lines = async (direction: 'forward' | 'backward') =>
      [...(await collect(store, { selector: selector(['app', '=', 'a']), startNs: at(0), endNs: at(100), direction })).values()].flatMap((s) => s.lines);
    const want = ['y5', 'y6', 'x10', 'x11', 'x12', 'x13'];
    assert.deepEqual(await lines('forward'), want);
    // Later appends keep the (now sorted) head in order, and answers do not change.
    await push([14], 'x');
    assert.deepEqual(await lines('forward'), [...want, 'x14']);
    assert.deepEqual(await lines('backward'), [...want, 'x14'].reverse());
    await push([7], 'late');
    assert.deepEqual(await lines('forward'), ['y5', 'y6', 'late7', 'x10', 'x11', 'x12', 'x13', 'x14']);
  } finally {
    await store.close();
    await tmp.cleanup();
  }
});
