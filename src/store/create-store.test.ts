import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WatchpostError } from '../core/index.js';
import { createStore } from './create-store.js';
import type { StoreOptions } from './store-options.js';
import { allLines, collect, entries, makeTempDir, selector, ts, unlimited } from './testdata/store-fixtures.js';

const nowMs = Date.UTC(2026, 0, 10, 12, 0, 0);
const clock = { now: () => nowMs };
const base = nowMs - 3600_000;

async function withStore(options: StoreOptions, fn: (store: Awaited<ReturnType<typeof createStore>>, dir: string) => Promise<void>): Promise<void> {
  const tmp = await makeTempDir();
  const store = await createStore({ dataDir: tmp.dir, now: clock.now, ...options });
  try {
    await fn(store, tmp.dir);
  } finally {
    await store.close();
    await tmp.cleanup();
  }
}

const app = { app: 'api', env: 'prod' };

/** An `assert.rejects` validator: a WatchpostError with this code and exactly this message. */
function rejectedWith(code: string, message: string): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof WatchpostError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  };
}

test('selectLogs returns entries in direction order within [start, end)', async () => {
  await withStore({}, async (store) => {
    await store.push('fake', [{ labels: app, entries: entries(base, [[0, 'a'], [1000, 'b'], [2000, 'c'], [3000, 'd']]) }]);
    const cases = [
      { name: 'forward all', direction: 'forward' as const, start: 0, end: 10_000, want: ['a', 'b', 'c', 'd'] },
      { name: 'backward all', direction: 'backward' as const, start: 0, end: 10_000, want: ['d', 'c', 'b', 'a'] },
      { name: 'end is exclusive', direction: 'forward' as const, start: 1000, end: 3000, want: ['b', 'c'] },
      { name: 'empty range', direction: 'forward' as const, start: 5000, end: 6000, want: [] },
    ];
    for (const c of cases) {
      const res = await collect(store, { selector: selector(['app', '=', 'api']), startNs: ts(base, c.start), endNs: ts(base, c.end), direction: c.direction });
      assert.deepEqual([...res.values()].flatMap((s) => s.lines), c.want, c.name);
    }
  });
});

test('push adds service_name as Loki 3 does and streams are keyed by their labels', async () => {
  await withStore({}, async (store) => {
    await store.push('fake', [{ labels: { app: 'api', empty: '' }, entries: entries(base, [[0, 'x']]) }]);
    await store.push('fake', [{ labels: { foo: 'bar' }, entries: entries(base, [[0, 'y']]) }]);
    const series = await store.series('fake', [], { startNs: 0n, endNs: 1n << 62n });
    assert.deepEqual(series, [
      { app: 'api', service_name: 'api' },
      { foo: 'bar', service_name: 'unknown_service' },
    ]);
  });
});

test('lineFilter is pushed down and limitPerStream stops early', async () => {
  await withStore({}, async (store) => {
    await store.push('fake', [{ labels: app, entries: entries(base, [[0, 'ok 1'], [1, 'Failed 2'], [2, 'ok 3'], [3, 'Failed 4'], [4, 'Failed 5']]) }]);
    const filtered = await collect(store, { selector: selector(['app', '=', 'api']), lineFilter: (l) => l.includes('Failed'), direction: 'backward', limitPerStream: 2 });
    const s = [...filtered.values()][0];
    assert.ok(s);
    assert.equal(s.filtered, true);
    assert.deepEqual(s.lines, ['Failed 5', 'Failed 4']);
  });
});

test('identical (ts, line) entries are stored once; same ts with another line is kept', async () => {
  await withStore({}, async (store) => {
    await store.push('fake', [{ labels: app, entries: entries(base, [[0, 'a'], [0, 'a'], [0, 'b']]) }]);
    await store.push('fake', [{ labels: app, entries: entries(base, [[0, 'b']]) }]);
    assert.deepEqual(await allLines(store), ['a', 'b']);
  });
});

test('out-of-order entries inside the window are accepted and returned sorted', async () => {
  await withStore({}, async (store) => {
    await store.push('fake', [{ labels: app, entries: entries(base, [[5000, 'e'], [1000, 'b']]) }]);
    await store.push('fake', [{ labels: app, entries: entries(base, [[3000, 'c']]) }]);
    assert.deepEqual(await allLines(store), ['b', 'c', 'e']);
  });
});

test('an entry older than the newest minus max_chunk_age/2 is refused with Loki text; the rest is stored', async () => {
  await withStore({}, async (store) => {
    const t0 = Date.UTC(2026, 0, 10, 10, 0, 0);
    const newest = { tsNs: BigInt(t0 + 90 * 60_000) * 1_000_000n, line: 'new' };
    await store.push('fake', [{ labels: { app: 'x' }, entries: [newest] }]);
    const err = await store
      .push('fake', [{ labels: { app: 'x' }, entries: [{ tsNs: BigInt(t0) * 1_000_000n, line: 'old' }, { tsNs: newest.tsNs + 1n, line: 'ok' }] }])
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof WatchpostError);
    assert.equal(err.code, 'ERR_INGEST_INVALID');
    assert.equal(
      err.message,
      "entry with timestamp 2026-01-10 10:00:00 +0000 UTC ignored, reason: 'entry too far behind, entry timestamp is: 2026-01-10T10:00:00Z, oldest acceptable timestamp is: 2026-01-10T10:30:00Z',\n" +
        'user \'fake\', total ignored: 1 out of 2 for stream: {app="x", service_name="x"}',
    );
    assert.deepEqual(await allLines(store), ['new', 'ok']);
  });
});

test('distributor validation: invalid entries are dropped with Loki messages, valid ones stored', async () => {
  await withStore({ limits: { maxLineSizeBytes: 10 } }, async (store) => {
    const tooOld = BigInt(nowMs - 8 * 24 * 3600_000) * 1_000_000n;
    const err = await store
      .push('fake', [
        { labels: { app: 'x' }, entries: [{ tsNs: ts(base, 0), line: 'short' }, { tsNs: ts(base, 1), line: 'this line is too long' }, { tsNs: tooOld, line: 'old' }] },
        { labels: {}, entries: [{ tsNs: ts(base, 0), line: 'nolabels' }] },
      ])
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof WatchpostError);
    assert.equal(err.code, 'ERR_INGEST_INVALID');
    assert.equal(
      err.message,
      [
        "max entry size '10' bytes exceeded for stream '{app=\"x\"}' while adding an entry with length '21' bytes",
        "entry for stream '{app=\"x\"}' has timestamp too old: 2026-01-02T12:00:00Z, oldest acceptable timestamp is: 2026-01-03T12:00:00Z",
        'error at least one label pair is required per stream',
      ].join('; '),
    );
    assert.deepEqual(await allLines(store), ['short']);
  });
});

test('the label checks use Loki limits and texts', async () => {
  const many: Record<string, string> = {};
  for (let i = 0; i < 16; i++) many[`l${String(i).padStart(2, '0')}`] = 'v';
  const cases = [
    { name: 'too many labels', labels: many, want: /^entry for stream '\{l00="v", .*\}' has 16 label names; limit 15$/ },
    { name: 'name too long', labels: { ['n'.repeat(1025)]: 'v' }, want: /^stream '\{n+="v"\}' has label name too long: 'n{1025}'$/ },
    { name: 'value too long', labels: { app: 'v'.repeat(2049) }, want: /^stream '\{app="v+"\}' has label value too long: 'v{2049}'$/ },
  ];
  await withStore({}, async (store) => {
    for (const c of cases) {
      await assert.rejects(store.push('fake', [{ labels: c.labels, entries: entries(base, [[0, 'x']]) }]), (e: unknown) => {
        assert.ok(e instanceof WatchpostError, c.name);
        assert.match(e.message, c.want, c.name);
        return true;
      });
    }
  });
});

test('an empty push is Loki 422 text', async () => {
  await withStore({}, async (store) => {
    await assert.rejects(store.push('fake', []), rejectedWith('ERR_INGEST_INVALID', 'error at least one valid stream is required for ingestion'));
  });
});

test('the tenant ingestion rate limit refuses the whole push with 429 text', async () => {
  await withStore({ limits: { ingestionRateBytes: 100, ingestionBurstBytes: 100 } }, async (store) => {
    await store.push('fake', [{ labels: app, entries: entries(base, [[0, 'x'.repeat(60)]]) }]);
    await assert.rejects(
      store.push('fake', [{ labels: app, entries: entries(base, [[1, 'y'.repeat(30)], [2, 'z'.repeat(30)]]) }]),
      rejectedWith(
        'ERR_INGEST_RATE_LIMITED',
        "ingestion rate limit exceeded for user fake (limit: 100 bytes/sec) while attempting to ingest '2' lines totaling '60' bytes, reduce log volume or contact your Loki administrator to see if the limit can be increased",
      ),
    );
    assert.deepEqual(await allLines(store), ['x'.repeat(60)]);
  });
});

test('the per-stream rate limit refuses entries past the burst with 429 text', async () => {
  await withStore({ limits: { ...unlimited, perStreamRateBytes: 3 * 1024 * 1024, perStreamBurstBytes: 1500 } }, async (store) => {
    await assert.rejects(
      store.push('fake', [{ labels: { app: 'x' }, entries: entries(base, [[0, 'a'.repeat(1000)], [1, 'b'.repeat(1000)]]) }]),
      rejectedWith(
        'ERR_INGEST_RATE_LIMITED',
        "entry with timestamp 2026-01-10 11:00:00.001 +0000 UTC ignored, reason: 'Per stream rate limit exceeded (limit: 3MB/sec) while attempting to ingest for stream '{app=\"x\", service_name=\"x\"}' totaling 1000B, consider splitting a stream via additional labels or contact your Loki administrator to see if the limit can be increased',\n" +
            "user 'fake', total ignored: 1 out of 2 for stream: {app=\"x\", service_name=\"x\"}",
      ),
    );
    assert.equal((await allLines(store)).length, 1);
  });
});

test('labelNames, labelValues, series and stats see only streams with data in range', async () => {
  await withStore({}, async (store) => {
    await store.push('fake', [
      { labels: { app: 'api', env: 'prod' }, entries: entries(base, [[0, 'a'], [10, 'b']]) },
      { labels: { app: 'web', region: 'eu' }, entries: entries(base, [[5000, 'c']]) },
    ]);
    await store.push('other', [{ labels: { team: 'x' }, entries: entries(base, [[0, 'z']]) }]);
    const all = { startNs: 0n, endNs: 1n << 62n };
    const early = { startNs: ts(base, 0), endNs: ts(base, 100) };
    assert.deepEqual(await store.labelNames('fake', all), ['app', 'env', 'region', 'service_name']);
    assert.deepEqual(await store.labelNames('fake', early), ['app', 'env', 'service_name']);
    assert.deepEqual(await store.labelValues('fake', 'app', all), ['api', 'web']);
    assert.deepEqual(await store.labelValues('fake', 'app', all, selector(['env', '=', 'prod'])), ['api']);
    assert.deepEqual(await store.series('fake', [selector(['app', '=~', 'w.*'])], all), [{ app: 'web', region: 'eu', service_name: 'web' }]);
    assert.deepEqual(await store.stats('fake', selector(['app', '=', 'api']), all), { streams: 1, chunks: 1, entries: 2, bytes: 2 });
    assert.deepEqual(await store.labelNames('nobody', all), []);
  });
});

test('tail receives entries pushed after subscribing, filtered by selector, until unsubscribed', async () => {
  await withStore({}, async (store) => {
    const got: string[] = [];
    const stop = store.tail('fake', selector(['app', '=', 'api']), (_labels, es) => got.push(...es.map((e) => e.line)));
    await store.push('fake', [{ labels: { app: 'api' }, entries: entries(base, [[0, 'one']]) }, { labels: { app: 'web' }, entries: entries(base, [[0, 'no']]) }]);
    await store.push('other', [{ labels: { app: 'api' }, entries: entries(base, [[0, 'other tenant']]) }]);
    stop();
    await store.push('fake', [{ labels: { app: 'api' }, entries: entries(base, [[1, 'after stop']]) }]);
    assert.deepEqual(got, ['one']);
  });
});

test('delete requests hide matching entries at once and survive a restart; cancel restores them', async () => {
  const tmp = await makeTempDir();
  try {
    let store = await createStore({ dataDir: tmp.dir, now: clock.now });
    await store.push('fake', [
      { labels: { app: 'api' }, entries: entries(base, [[0, 'keep 1'], [1000, 'secret 2'], [2000, 'secret 3'], [9000, 'secret 4']]) },
      { labels: { app: 'web' }, entries: entries(base, [[1000, 'secret web']]) },
    ]);
    const info = await store.addDeleteRequest('fake', {
      query: '{app="api"} |= "secret"',
      selector: selector(['app', '=', 'api']),
      lineFilters: [{ kind: 'LineFilter', op: '|=', values: [{ value: 'secret', ip: false }] }],
      startNs: ts(base, 0),
      endNs: ts(base, 5000),
    });
    assert.equal(info.status, 'received');
    assert.equal(info.user_id, 'fake');
    assert.deepEqual(await allLines(store), ['keep 1', 'secret 4', 'secret web']);
    await store.close();
    store = await createStore({ dataDir: tmp.dir, now: clock.now });
    assert.deepEqual(await allLines(store), ['keep 1', 'secret 4', 'secret web']);
    assert.deepEqual((await store.listDeleteRequests('fake')).map((r) => r.query), ['{app="api"} |= "secret"']);
    assert.equal(await store.cancelDeleteRequest('fake', info.request_id), true);
    assert.equal(await store.cancelDeleteRequest('fake', 'nope'), false);
    assert.equal((await allLines(store)).length, 5);
    await store.close();
  } finally {
    await tmp.cleanup();
  }
});

test('the active stream limit refuses new streams with 429 text; flushed streams no longer count', async () => {
  await withStore({ limits: { maxStreamsPerTenant: 2 } }, async (store) => {
    await store.push('fake', [{ labels: { app: 'a' }, entries: entries(base, [[0, 'a']]) }, { labels: { app: 'b' }, entries: entries(base, [[0, 'b']]) }]);
    await assert.rejects(
      store.push('fake', [{ labels: { app: 'c' }, entries: entries(base, [[0, 'c']]) }]),
      rejectedWith(
        'ERR_INGEST_RATE_LIMITED',
        "maximum active stream limit exceeded when trying to create stream {app=\"c\", service_name=\"c\"}, reduce the number of active streams (reduce labels or reduce label values), or contact your Loki administrator to see if the limit can be increased, user: 'fake'",
      ),
    );
    await store.flush();
    await store.push('fake', [{ labels: { app: 'c' }, entries: entries(base, [[0, 'c']]) }]);
    assert.deepEqual(await allLines(store), ['a', 'b', 'c']);
  });
});
