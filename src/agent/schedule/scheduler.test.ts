import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueryConfig } from './config-model.js';
import { createDecorations } from './decorators.js';
import { createScheduler, type Scheduler, type SchedulerSettings, type ScheduledQuery, type SqlResult } from './scheduler.js';
import { createStateStore, type StateStore } from './state-store.js';
import type { StatusEntry, StatusLogger } from './status-log.js';
import { useTempDirs } from './testing/temp-agent.js';

const tempDir = useTempDirs();

const baseQuery: QueryConfig = { name: 'q', query: 'SELECT * FROM t;', intervalS: 10, snapshot: false, removed: true, platform: '', version: '', shard: 0, denylist: true };

interface Harness {
  results: string[];
  snapshots: string[];
  statuses: StatusEntry[];
  /** Rows (or an error) the fake engine returns for the next runs. */
  answer: { rows: Array<Record<string, string>> } | { error: string };
  store: StateStore;
  settings: SchedulerSettings;
  make(): Scheduler;
}

function harness(dir = tempDir('wp-sched-')): Harness {
  const h: Harness = {
    results: [],
    snapshots: [],
    statuses: [],
    answer: { rows: [] },
    store: createStateStore(dir),
    settings: { epoch: 0, eventType: true, snapshotEventType: false, numerics: false, decorationsTopLevel: false, nullValue: '', queryTimeoutMs: 1000 },
    make() {
      const status: StatusLogger = {
        log: (e) => h.statuses.push(e),
        info: (filename, line, message) => h.statuses.push({ severity: 0, filename, line, message }),
        warning: (filename, line, message) => h.statuses.push({ severity: 1, filename, line, message }),
        error: (filename, line, message) => h.statuses.push({ severity: 2, filename, line, message }),
      };
      return createScheduler({
        async runSql(): Promise<SqlResult> {
          const a = h.answer;
          if ('error' in a) throw new Error(a.error);
          const columns = [...new Set(a.rows.flatMap((r) => Object.keys(r)))];
          return { columns, rows: a.rows.map((r) => columns.map((c) => r[c] ?? null)) };
        },
        store: h.store,
        sink: { results: (l) => h.results.push(...l), snapshots: (l) => h.snapshots.push(...l) },
        status,
        decorations: createDecorations({ load: [], always: [], interval: [] }, async () => [], () => {}),
        hostIdentifier: () => 'host-a',
        now: () => 1_700_000_000_000,
        settings: () => h.settings,
      });
    },
  };
  return h;
}

const q = (over: Partial<QueryConfig> = {}, name = 'q', tables: string[] = ['t']): ScheduledQuery => ({
  name,
  packName: 'main',
  config: { ...baseQuery, ...over },
  splayedS: over.intervalS ?? 10,
  tables: new Set(tables),
});

/** Runs query `q` once to completion, the fake engine answering `rows` (when given; else the last answer). */
async function runQ(h: Harness, s: Scheduler, rows?: Array<Record<string, string>>): Promise<void> {
  if (rows !== undefined) h.answer = { rows };
  s.runSoon(['q']);
  await s.idle();
}

const parsed = (lines: string[]): Array<{ action: string; counter: number; columns: Record<string, string> }> => lines.map((l) => JSON.parse(l));

test('scheduler: first run adds every row (counter 0), a change adds and removes (counter 1), no change logs nothing', async () => {
  const h = harness();
  const s = h.make();
  s.setQueries([q()]);
  h.answer = { rows: [{ a: '1' }, { a: '2' }] };
  s.tick(10);
  await s.idle();
  h.answer = { rows: [{ a: '2' }, { a: '3' }] };
  s.tick(20);
  await s.idle();
  s.tick(30);
  await s.idle();
  assert.deepEqual(parsed(h.results).map((r) => [r.action, r.counter, r.columns.a]), [
    ['added', 0, '1'],
    ['added', 0, '2'],
    ['added', 1, '3'],
    ['removed', 1, '1'],
  ]);
});

test('scheduler: ticks run only queries whose splayed interval divides the tick', async () => {
  const h = harness();
  const s = h.make();
  s.setQueries([q({ intervalS: 7 }, 'seven'), q({ intervalS: 5 }, 'five')]);
  h.answer = { rows: [{ a: '1' }] };
  for (const t of [3, 4, 6]) s.tick(t);
  await s.idle();
  assert.equal(h.results.length, 0);
  s.tick(35);
  await s.idle();
  assert.deepEqual(h.results.map((l) => JSON.parse(l).name).sort(), ['five', 'seven']);
});

test('scheduler: a restart with the same store emits nothing new, and sees a vanished row as removed', async () => {
  const dir = tempDir('wp-sched-');
  const first = harness(dir);
  const s1 = first.make();
  s1.setQueries([q()]);
  await runQ(first, s1, [{ a: '1' }, { a: '2' }]);
  await s1.stop();
  assert.equal(first.results.length, 2);

  const second = harness(dir);
  const s2 = second.make();
  s2.setQueries([q()]);
  await runQ(second, s2, [{ a: '1' }, { a: '2' }]);
  assert.deepEqual(second.results, [], 'nothing new after a restart');
  await runQ(second, s2, [{ a: '1' }]);
  assert.deepEqual(parsed(second.results).map((r) => [r.action, r.counter, r.columns.a]), [['removed', 1, '2']]);
});

test('scheduler: a bumped --schedule_epoch re-adds every row with counter 0', async () => {
  const h = harness();
  const s = h.make();
  s.setQueries([q()]);
  await runQ(h, s, [{ a: '1' }]);
  h.settings = { ...h.settings, epoch: 2 };
  await runQ(h, s);
  assert.deepEqual(h.results.map((l) => { const r = JSON.parse(l); return [r.epoch, r.counter, r.action]; }), [[0, 0, 'added'], [2, 0, 'added']]);
});

test('scheduler: "removed": false drops removed rows but still updates state', async () => {
  const h = harness();
  const s = h.make();
  s.setQueries([q({ removed: false })]);
  await runQ(h, s, [{ a: '1' }]);
  await runQ(h, s, []);
  await runQ(h, s, [{ a: '1' }]);
  assert.deepEqual(parsed(h.results).map((r) => [r.action, r.counter]), [['added', 0], ['added', 2]]);
});

test('scheduler: snapshot queries write one line per run to the snapshot log, even with no rows, counter 0', async () => {
  const h = harness();
  const s = h.make();
  s.setQueries([q({ snapshot: true })]);
  await runQ(h, s, [{ a: '1' }]);
  await runQ(h, s, []);
  assert.deepEqual(h.results, []);
  assert.deepEqual(h.snapshots.map((l) => { const r = JSON.parse(l); return [r.action, r.counter, r.snapshot]; }), [['snapshot', 0, [{ a: '1' }]], ['snapshot', 0, []]]);
});

test('scheduler: the batch format writes one diffResults line per changed run, none for an empty first run', async () => {
  const h = harness();
  h.settings = { ...h.settings, eventType: false };
  const s = h.make();
  s.setQueries([q()]);
  await runQ(h, s);
  await runQ(h, s, [{ a: '1' }, { a: '2' }]);
  assert.deepEqual(h.results.map((l) => JSON.parse(l).diffResults), [{ added: [{ a: '1' }, { a: '2' }], removed: [] }]);
  assert.match(h.results[0] ?? '', /^\{"diffResults":\{"added":\[/);
});

test('scheduler: changed SQL under the same name is diffed against the old rows with counter 0 (osquery INFO line)', async () => {
  const h = harness();
  const s = h.make();
  s.setQueries([q()]);
  await runQ(h, s, [{ a: '1' }]);
  s.setQueries([q({ query: 'SELECT a FROM t2;' })]);
  await runQ(h, s, [{ a: '1' }, { a: '2' }]);
  assert.deepEqual(parsed(h.results).map((r) => [r.action, r.counter, r.columns.a]), [['added', 0, '1'], ['added', 0, '2']]);
  assert.deepEqual(h.statuses.filter((e) => e.severity === 0).map((e) => e.message), ['Storing initial results for new scheduled query: q', 'Scheduled query has been updated: q']);
});

test('scheduler: a query failing three times in a row is denylisted (logged), unless "denylist": false', async () => {
  const h = harness();
  const s = h.make();
  s.setQueries([q({}, 'bad'), q({ denylist: false }, 'kept')]);
  h.answer = { error: 'no such table: nope' };
  for (let i = 0; i < 4; i++) {
    s.runSoon(['bad', 'kept']);
    await s.idle();
  }
  const errors = h.statuses.filter((e) => e.severity === 2).map((e) => e.message);
  assert.equal(errors.filter((m) => m === 'Error executing scheduled query bad: no such table: nope').length, 3);
  assert.equal(errors.filter((m) => m.startsWith('Error executing scheduled query kept')).length, 4);
  assert.deepEqual(s.info().map((i) => [i.name, i.denylisted]), [['bad', true], ['kept', false]]);
  assert.ok(h.statuses.some((e) => e.severity === 1 && e.message.startsWith('Scheduled query bad is denylisted for 86400 seconds')));
});

test('scheduler: trigger() runs queries reading the changed tables ahead of queued scheduled runs', async () => {
  const h = harness();
  const s = h.make();
  s.setQueries([q({}, 'slow', ['processes']), q({}, 'logins', ['last'])]);
  h.answer = { rows: [{ a: '1' }] };
  s.tick(10);
  assert.deepEqual(s.trigger(new Set(['last'])), ['logins']);
  await s.idle();
  assert.deepEqual(h.results.map((l) => JSON.parse(l).name), ['logins', 'slow']);
  assert.equal(s.info().find((i) => i.name === 'logins')?.performance?.executions, 1);
});

test('scheduler: a failing results sink is reported and the scheduler keeps running', async () => {
  const h = harness();
  let fail = true;
  const s = createScheduler({
    runSql: async () => ({ columns: ['a'], rows: [['1']] }),
    store: h.store,
    sink: {
      results: (l) => {
        if (fail) throw new Error('ENOSPC: no space left on device');
        h.results.push(...l);
      },
      snapshots: () => {},
    },
    status: { log: (e) => h.statuses.push(e), info: () => {}, warning: () => {}, error: (filename, line, message) => h.statuses.push({ severity: 2, filename, line, message }) },
    decorations: createDecorations({ load: [], always: [], interval: [] }, async () => [], () => {}),
    hostIdentifier: () => 'h',
    now: () => 0,
    settings: () => h.settings,
  });
  s.setQueries([q({}, 'one'), q({}, 'two')]);
  s.runSoon(['one', 'two']);
  await s.idle();
  assert.deepEqual(h.statuses.map((e) => e.message), [
    'Error adding new results to database for query one: ENOSPC: no space left on device',
    'Error adding new results to database for query two: ENOSPC: no space left on device',
  ]);
  fail = false;
  s.setQueries([q({}, 'three')]);
  s.runSoon(['three']);
  await s.idle();
  assert.equal(h.results.length, 1);
});
