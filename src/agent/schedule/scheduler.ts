import type { ScheduledQueryInfo } from '../tables/osquery/index.js';
import type { QueryConfig } from './config-model.js';
import type { Decorations } from './decorators.js';
import { diffResults, serializeResultRows, type ResetReason } from './differential.js';
import { formatBatchLine, formatEventLines, formatSnapshotLine, type ResultHeader } from './results-format.js';
import { createPerformanceLog } from './query-performance.js';
import type { StateStore } from './state-store.js';
import type { StatusLogger } from './status-log.js';

/** One entry of the running schedule. */
export interface ScheduledQuery {
  /** The logged name: `pack_<pack>_<query>`, or the bare name for the top-level schedule. */
  readonly name: string;
  readonly packName: string;
  readonly config: QueryConfig;
  readonly splayedS: number;
  /** Tables the SQL reads (for event triggers). */
  readonly tables: ReadonlySet<string>;
}

export interface SqlResult {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | null>>;
}

export interface ResultSink {
  results(lines: readonly string[]): void;
  snapshots(lines: readonly string[]): void;
}

export interface SchedulerSettings {
  readonly epoch: number;
  readonly eventType: boolean;
  readonly snapshotEventType: boolean;
  readonly numerics: boolean;
  readonly decorationsTopLevel: boolean;
  readonly nullValue: string;
  readonly queryTimeoutMs: number;
  /** `--schedule_lognames`: an INFO line before each run. */
  readonly logNames?: boolean;
}

export interface SchedulerDeps {
  runSql(sql: string, timeoutMs: number): Promise<SqlResult>;
  readonly store: StateStore;
  readonly sink: ResultSink;
  readonly status: StatusLogger;
  readonly decorations: Decorations;
  hostIdentifier(): string;
  /** Milliseconds since the epoch. */
  now(): number;
  settings(): SchedulerSettings;
  /** Called after each run with the process's RSS; returning true denylists the query (the watchdog's memory limit). */
  afterRun?(name: string): boolean;
}

export interface Scheduler {
  /** Replaces the schedule (config load or reload); pending runs of removed queries are dropped. */
  setQueries(queries: readonly ScheduledQuery[]): void;
  queries(): readonly ScheduledQuery[];
  /** One scheduler second: queues every query whose splayed interval divides `tickS`. */
  tick(tickS: number): void;
  /** Queues, ahead of scheduled runs, every query reading one of `tables`. */
  trigger(tables: ReadonlySet<string>): string[];
  /** Queues the named queries ahead of scheduled runs. */
  runSoon(names: readonly string[]): void;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
  info(): ScheduledQueryInfo[];
  /** Stops taking work; resolves when the running query has finished. */
  stop(): Promise<void>;
}

const failuresBeforeDenylist = 3;

/** osquery's INFO lines when stored results are not simply diffed against (Query::getQueryStatus). */
const resetMessages: Record<ResetReason, (name: string, epoch: number) => string> = {
  new: (name) => `Storing initial results for new scheduled query: ${name}`,
  epoch: (name, epoch) => `New Epoch ${epoch} for scheduled query ${name}`,
  sql: (name) => `Scheduled query has been updated: ${name}`,
};
const resetLines: Record<ResetReason, number> = { new: 96, epoch: 100, sql: 104 };
/** How long a query that keeps failing stays denylisted (osquery's 24 h for a query that killed the worker). */
export const denylistDurationS = 86_400;

/**
 * Runs scheduled queries one at a time, each under a time limit, writes
 * their differential (or snapshot) lines, and stores their state. Runs asked
 * for by event triggers go ahead of scheduled ones; a query already queued
 * is not queued twice. A query that fails `failuresBeforeDenylist` times in
 * a row (errors or timeouts) is denylisted for a day unless its config says
 * `"denylist": false`.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  let queries: ScheduledQuery[] = [];
  let byName = new Map<string, ScheduledQuery>();
  const urgent = new Set<string>();
  const normal = new Set<string>();
  const failures = new Map<string, number>();
  const perf = createPerformanceLog();
  let draining: Promise<void> | undefined;
  let stopped = false;

  function enqueue(set: Set<string>, name: string): void {
    if (stopped || !byName.has(name)) return;
    set.add(name);
    draining ??= drain().finally(() => {
      draining = undefined;
    });
  }

  async function drain(): Promise<void> {
    // Let the caller finish queueing (a tick queues several) before the first run.
    await Promise.resolve();
    while (!stopped) {
      const next = first(urgent) ?? first(normal);
      if (next === undefined) return;
      urgent.delete(next);
      normal.delete(next);
      const q = byName.get(next);
      if (!q) continue;
      try {
        await launch(q);
      } catch (err) {
        // Storing state or writing the log failed (disk full, permissions). osquery shuts down here;
        // the agent reports it and carries on, so the next run can succeed once the disk has room.
        deps.status.error('scheduler.cpp', 153, `Error adding new results to database for query ${q.name}: ${(err as Error).message}`);
      }
    }
  }

  function isDenylisted(name: string): boolean {
    const until = deps.store.settings().denylist[name];
    return until !== undefined && until > deps.now() / 1000;
  }

  function denylist(q: ScheduledQuery, reason: string): void {
    if (!q.config.denylist) return;
    const settings = deps.store.settings();
    const until = Math.floor(deps.now() / 1000) + denylistDurationS;
    deps.store.putSettings({ ...settings, denylist: { ...settings.denylist, [q.name]: until } });
    deps.status.warning('scheduler.cpp', 136, `Scheduled query ${q.name} is denylisted for ${denylistDurationS} seconds: ${reason}`);
  }

  async function launch(q: ScheduledQuery): Promise<void> {
    if (isDenylisted(q.name)) return;
    const s = deps.settings();
    if (s.logNames) deps.status.info('scheduler.cpp', 112, `Executing scheduled query ${q.name}`);
    await deps.decorations.run('always');
    deps.store.setExecuting(q.name);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let result: SqlResult;
    try {
      result = await deps.runSql(q.config.query, s.queryTimeoutMs);
    } catch (err) {
      deps.store.setExecuting('');
      deps.status.error('scheduler.cpp', 125, `Error executing scheduled query ${q.name}: ${(err as Error).message}`);
      const n = (failures.get(q.name) ?? 0) + 1;
      failures.set(q.name, n);
      if (n >= failuresBeforeDenylist) {
        failures.delete(q.name);
        denylist(q, `${n} consecutive failures`);
      }
      return;
    }
    deps.store.setExecuting('');
    failures.delete(q.name);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const rows = serializeResultRows(result.columns, result.rows, s.nullValue);
    const unixTime = Math.floor(deps.now() / 1000);
    const header = (counter: number): ResultHeader => ({
      name: q.name,
      hostIdentifier: deps.hostIdentifier(),
      unixTime,
      epoch: s.epoch,
      counter,
      numerics: s.numerics,
      decorations: deps.decorations.current(),
      decorationsTopLevel: s.decorationsTopLevel,
    });
    let outputBytes = 0;
    const write = (sink: (lines: readonly string[]) => void, lines: readonly string[]): void => {
      for (const l of lines) outputBytes += l.length;
      sink(lines);
    };
    if (q.config.snapshot) {
      if (!s.snapshotEventType) write(deps.sink.snapshots, [formatSnapshotLine(header(0), rows)]);
      else for (const chunk of chunks(rows)) write(deps.sink.snapshots, formatEventLines(header(0), chunk, 'snapshot'));
    } else {
      const outcome = diffResults(deps.store.get(q.name), rows, s.epoch, q.config.query);
      if (outcome.reset) deps.status.info('query.cpp', resetLines[outcome.reset], resetMessages[outcome.reset](q.name, s.epoch));
      const removed = q.config.removed ? outcome.removed : [];
      // osquery logs nothing for an empty differential, in either format.
      if (outcome.added.length > 0 || removed.length > 0) {
        const h = header(outcome.counter);
        if (!s.eventType) write(deps.sink.results, [formatBatchLine(h, outcome.added, removed)]);
        else {
          // In slices, so a result of tens of thousands of rows never exists as lines all at once.
          for (const chunk of chunks(outcome.added)) write(deps.sink.results, formatEventLines(h, chunk, 'added'));
          for (const chunk of chunks(removed)) write(deps.sink.results, formatEventLines(h, chunk, 'removed'));
        }
      }
      if (outcome.next) deps.store.put(q.name, outcome.next);
    }
    perf.record(q.name, { unixTime, wallMs, cpu, outputBytes, rss: process.memoryUsage.rss() });
    if (deps.afterRun?.(q.name)) denylist(q, 'memory limits exceeded');
  }

  return {
    setQueries(next) {
      queries = [...next];
      byName = new Map(queries.map((q) => [q.name, q]));
      for (const set of [urgent, normal]) for (const n of set) if (!byName.has(n)) set.delete(n);
    },
    queries: () => queries,
    tick(tickS) {
      for (const q of queries) if (q.splayedS > 0 && tickS % q.splayedS === 0) enqueue(normal, q.name);
    },
    trigger(tables) {
      const hit: string[] = [];
      for (const q of queries) {
        if ([...q.tables].some((t) => tables.has(t))) {
          hit.push(q.name);
          enqueue(urgent, q.name);
        }
      }
      return hit;
    },
    runSoon(names) {
      for (const n of names) enqueue(urgent, n);
    },
    async idle() {
      while (draining) await draining;
    },
    info() {
      return queries.map((q) => {
        const performance = perf.get(q.name);
        return { name: q.name, query: q.config.query, interval: q.config.intervalS, denylisted: isDenylisted(q.name), ...(performance ? { performance } : {}) };
      });
    },
    async stop() {
      stopped = true;
      urgent.clear();
      normal.clear();
      while (draining) await draining;
    },
  };
}

function first(set: Set<string>): string | undefined {
  for (const v of set) return v;
  return undefined;
}

const chunkRows = 512;

function* chunks<T>(items: readonly T[]): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += chunkRows) yield items.slice(i, i + chunkRows);
}
