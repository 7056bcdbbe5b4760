import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { WatchpostError } from '../../core/index.js';
import { createSqlEngine, type SqlEngine } from '../sql/index.js';
import { setAgentPlugins, setFlagValues, setSchedulerView } from '../tables/osquery/index.js';
import { setAgentConfigState } from '../tables/system/osquery-info.js';
import { setPrometheusTargetsConfig } from '../tables/misc/prometheus-targets.js';
import type { SystemPaths } from '../tables/table.js';
import { watchpostVersion } from '../version.js';
import { optionWarnings, type AgentFlags } from './agent-flags.js';
import { openAgentOutputs, openFiles, type AgentOutputs } from './agent-outputs.js';
import type { AgentConfig, PackConfig } from './config-model.js';
import { createDecorations, type Decorations } from './decorators.js';
import { defaultTriggerSources, readHomeDirs, watchTriggerSources, type EventTriggers, type TriggerSource } from './event-triggers.js';
import { createPackDiscovery, resolveHostIdentifier } from './host-facts.js';
import { loadAgentConfig } from './load-config.js';
import { machineShard } from './pack-filter.js';
import { buildSchedule, pickStartupRuns, type BuiltSchedule } from './schedule-build.js';
import { createScheduler, denylistDurationS, type Scheduler, type SqlResult } from './scheduler.js';
import { effectiveSplayPercent, splayIntervalS } from './splay.js';
import { createStateStore, type StateStore } from './state-store.js';
import { createStatusForwarder, type StatusLogger } from './status-log.js';
import { startSelfMonitor, watchdogLimits, type SelfMonitor } from './watchdog.js';

export interface AgentOptions {
  /** Flags from the command line and flagfile (the config's `options` are applied on top). */
  readonly flags: AgentFlags;
  /** Host paths for the tables (tests point utmp/wtmp at fixtures); triggers watch the same utmp/wtmp. */
  readonly paths?: Partial<SystemPaths>;
  /** Replaces the watched files (tests). */
  readonly triggerSources?: readonly TriggerSource[];
  /** Milliseconds since the epoch; default Date.now. */
  readonly now?: () => number;
  /** Called once when --schedule_timeout has run out (osquery then shuts down; the CLI stops the agent). */
  readonly onScheduleEnd?: () => void;
  /** A full garbage collection (the CLI exposes V8's gc()); run after a query that left the heap above 32 MB. */
  readonly collectGarbage?: () => void;
}

const heapCollectBytes = 32 * 1024 * 1024;

export type ReloadOutcome = { readonly ok: true } | { readonly ok: false; readonly error: WatchpostError };

export interface Agent {
  /** Loads the config, opens logs and state, and starts the schedule; throws ERR_CONFIG_INVALID on a bad config. */
  start(): Promise<void>;
  /** Re-reads the config (SIGHUP); a bad one is refused and logged, and the running config stays. */
  reload(): Promise<ReloadOutcome>;
  /** Stops scheduling, waits for the running query, flushes state and closes everything (SIGTERM). */
  stop(): Promise<void>;
  /** Resolves once no query is queued or running (tests). */
  idle(): Promise<void>;
  readonly status: StatusLogger;
  scheduler(): Scheduler;
}

/**
 * osqueryd in one process: config → packs → scheduler → differential results
 * log, with Watchpost's event triggers for login and account files. Every
 * osquery_* table of its engine reports this agent.
 */
export function createAgent(options: AgentOptions): Agent {
  const now = options.now ?? Date.now;
  let flags = options.flags;
  let config: AgentConfig | undefined;
  let engine: SqlEngine | undefined;
  let store: StateStore | undefined;
  let outputs: AgentOutputs | undefined;
  let triggers: EventTriggers | undefined;
  let monitor: SelfMonitor | undefined;
  let tickTimer: NodeJS.Timeout | undefined;
  let lastTickS = 0;
  let startedS = 0;
  let hostId = hostname();
  let built: BuiltSchedule = { queries: [], packs: [] };
  const ephemeralId = randomUUID();
  let decorations: Decorations = createDecorations({ load: [], always: [], interval: [] }, async () => [], () => {});
  let stopping = false;

  // The status logger exists before the logs are open; lines written before start() go to stderr.
  const status = createStatusForwarder((e) => (outputs ? outputs.status.log(e) : process.stderr.write(`${e.message}\n`)));

  const runSql = async (sql: string, timeoutMs: number): Promise<SqlResult> => {
    if (!engine) throw new WatchpostError('ERR_INTERNAL', 'the agent is not started');
    const results = await engine.query(sql, { timeoutMs });
    return results[0] ?? { columns: [], rows: [] };
  };
  const runRows = async (sql: string): Promise<Array<Record<string, string>>> => {
    const r = await runSql(sql, flags.number('query_timeout') * 1000);
    return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i] ?? flags.string('nullvalue')])));
  };

  const discovery = createPackDiscovery(runRows, (m) => status.warning('packs.cpp', 275, m), now);

  const scheduler = createScheduler({
    runSql,
    get store() {
      if (!store) throw new WatchpostError('ERR_INTERNAL', 'the agent is not started');
      return store;
    },
    sink: {
      results: (lines) => outputs?.results.append(lines),
      snapshots: (lines) => outputs?.snapshots.append(lines),
    },
    status,
    get decorations() {
      return decorations;
    },
    hostIdentifier: () => hostId,
    now,
    settings: () => ({
      epoch: flags.number('schedule_epoch'),
      eventType: flags.bool('logger_event_type'),
      snapshotEventType: flags.bool('logger_snapshot_event_type'),
      numerics: flags.bool('logger_numerics'),
      decorationsTopLevel: flags.bool('decorations_top_level'),
      nullValue: flags.string('nullvalue'),
      queryTimeoutMs: flags.number('query_timeout') * 1000,
      logNames: flags.bool('schedule_lognames'),
    }),
    afterRun: () => {
      if (options.collectGarbage && process.memoryUsage().heapUsed > heapCollectBytes) options.collectGarbage();
      return monitor?.overMemory() ?? false;
    },
  });

  function knownTables(): Set<string> {
    const names = new Set<string>();
    for (const spec of engine?.tables() ?? []) {
      names.add(spec.name);
      for (const a of spec.aliases ?? []) names.add(a);
    }
    return names;
  }

  /** Applies a parsed config: flags, decorators, packs and schedule, the osquery_* views. */
  async function apply(next: AgentConfig): Promise<void> {
    if (!store) throw new WatchpostError('ERR_INTERNAL', 'the agent is not started');
    flags = options.flags.withOptions(next.options);
    // Watchpost has no event publishers yet, so events are off whatever the flag says.
    setFlagValues(new Map([...flags.entries(), ['disable_events', 'true']]));
    hostId = await resolveHostIdentifier(flags.string('host_identifier'), { specified: flags.string('specified_identifier'), ephemeralId, runRows });
    decorations = createDecorations(next.decorators, runRows, (m) => status.warning('decorators.cpp', 67, m), flags.bool('disable_decorators'));
    await decorations.run('load');
    for (const w of optionWarnings(next.options)) status.warning('options.cpp', 91, w);
    for (const w of next.warnings) status.warning('config.cpp', 411, w);
    const discovered = await discovery.evaluate(next, flags.number('pack_refresh_interval') * 1000);
    const settings = store.settings();
    const splay = { ...settings.splay };
    let splayChanged = false;
    const percent = effectiveSplayPercent(flags.number('schedule_splay_percent'));
    built = buildSchedule(next, {
      packDelimiter: flags.string('pack_delimiter'),
      machineShard: machineShard(hostname()),
      tables: knownTables(),
      discovered: (pack: PackConfig) => discovered.get(pack.name) ?? true,
      splay(name, intervalS) {
        const saved = splay[name];
        if (saved && saved.intervalS === intervalS) return saved.splayedS;
        const splayedS = splayIntervalS(intervalS, percent);
        splay[name] = { intervalS, splayedS };
        splayChanged = true;
        return splayedS;
      },
    });
    if (splayChanged) store.putSettings({ ...store.settings(), splay });
    scheduler.setQueries(built.queries);
    config = next;
    setAgentConfigState({ configHash: next.hash, configValid: true });
    setPrometheusTargetsConfig(next.prometheusTargets);
    restartTriggers();
  }

  function restartTriggers(): void {
    triggers?.close();
    triggers = undefined;
    if (!flags.bool('event_triggers') || stopping) return;
    const paths = { utmp: options.paths?.utmp ?? '/var/run/utmp', wtmp: options.paths?.wtmp ?? '/var/log/wtmp' };
    const sources = options.triggerSources ?? defaultTriggerSources(readHomeDirs(), paths);
    triggers = watchTriggerSources(
      sources,
      (tables) => {
        scheduler.trigger(tables);
        // A changed passwd may add home directories, and a new .ssh directory needs its own watch.
        if ((tables.has('users') || tables.has('authorized_keys')) && !options.triggerSources) restartTriggers();
      },
      flags.number('event_debounce_ms'),
    );
  }

  /** Queries that run at start: startup_priority ones in order, then those kept current by triggers. */
  function startupRuns(): string[] {
    const triggerTables = new Set((options.triggerSources ?? defaultTriggerSources([])).flatMap((t) => t.tables));
    return pickStartupRuns(built.queries, flags.bool('event_triggers') ? triggerTables : new Set());
  }

  function scheduleTick(): void {
    const delay = 1000 - (now() % 1000);
    tickTimer = setTimeout(onTick, delay);
  }

  function onTick(): void {
    if (stopping) return;
    const nowS = Math.floor(now() / 1000);
    // Catch up on seconds a busy event loop skipped, at most a minute (osquery's schedule_max_drift).
    const from = lastTickS === 0 || nowS - lastTickS > 60 ? nowS : lastTickS + 1;
    for (let s = from; s <= nowS; s++) {
      if (!monitor?.throttled()) scheduler.tick(s);
      if (s % 60 === 0) void decorations.run('interval', s);
      const refresh = flags.number('config_refresh');
      if (refresh > 0 && s % refresh === 0) void reload();
      const packRefresh = flags.number('pack_refresh_interval');
      if (packRefresh > 0 && s % packRefresh === 0 && config?.packs.some((p) => p.discovery.length > 0)) {
        apply(config).catch((err: unknown) => status.error('packs.cpp', 290, `Pack refresh failed: ${(err as Error).message}`));
      }
    }
    lastTickS = nowS;
    const timeoutS = flags.number('schedule_timeout');
    if (timeoutS > 0 && nowS - startedS >= timeoutS) {
      status.info('scheduler.cpp', 247, `The scheduler ended after ${timeoutS} seconds`);
      options.onScheduleEnd?.();
      return;
    }
    scheduleTick();
  }

  async function reload(): Promise<ReloadOutcome> {
    let next: AgentConfig;
    try {
      next = loadAgentConfig(options.flags);
    } catch (err) {
      const error = err instanceof WatchpostError ? err : new WatchpostError('ERR_CONFIG_INVALID', (err as Error).message, { cause: err });
      status.error('config.cpp', 326, `Error reading config: ${error.message}; keeping the running config`);
      return { ok: false, error };
    }
    const before = new Map(built.queries.map((q) => [q.name, q.config.query]));
    try {
      await apply(next);
    } catch (err) {
      // Only an agent that is shutting down gets here (its engine is closing); nothing to keep.
      const error = new WatchpostError('ERR_INTERNAL', `config reload failed: ${(err as Error).message}`, { cause: err });
      status.error('config.cpp', 340, error.message);
      return { ok: false, error };
    }
    status.info('config.cpp', 330, `Config reloaded: ${built.queries.length} scheduled queries, ${built.packs.filter((p) => p.active).length} active packs`);
    // Start-up runs again only for queries the reload added or changed; the others keep their schedule.
    scheduler.runSoon(startupRuns().filter((name) => before.get(name) !== built.queries.find((q) => q.name === name)?.config.query));
    return { ok: true };
  }

  return {
    status,
    scheduler: () => scheduler,
    idle: () => scheduler.idle(),
    reload,
    async start() {
      const first = loadAgentConfig(options.flags);
      flags = options.flags.withOptions(first.options);
      outputs = openAgentOutputs(flags, { hostIdentifier: () => hostId, decorations: () => decorations.current(), version: watchpostVersion, now });
      store = openFiles(`--database_path ${flags.string('database_path')}`, () => createStateStore(flags.string('database_path')));
      const dirty = store.readExecuting();
      if (dirty !== '') {
        status.warning('config.cpp', 263, `Scheduled query may have failed: ${dirty}`);
        store.setExecuting('');
        const settings = store.settings();
        store.putSettings({ ...settings, denylist: { ...settings.denylist, [dirty]: Math.floor(now() / 1000) + denylistDurationS } });
      }
      engine = await createSqlEngine({
        ...(options.paths ? { paths: options.paths } : {}),
        timeoutMs: flags.number('query_timeout') * 1000,
        onWarning: (m) => status.warning('virtual_table.cpp', 1011, m),
      });
      setAgentPlugins([
        { registry: 'config', name: 'filesystem', internal: false, active: true },
        { registry: 'logger', name: 'filesystem', internal: false, active: true },
        { registry: 'database', name: 'filesystem', internal: false, active: true },
      ]);
      setSchedulerView({ scheduledQueries: () => scheduler.info(), packs: () => built.packs });
      await apply(first);
      const limits = watchdogLimits(flags.number('watchdog_level'), flags.number('watchdog_memory_limit'), flags.number('watchdog_utilization_limit'), flags.bool('disable_watchdog'));
      monitor = startSelfMonitor({ limits, delayS: flags.number('watchdog_delay'), onLimit: (_kind, message) => status.warning('watcher.cpp', 401, message) });
      status.info('init.cpp', 1, `Watchpost agent ${watchpostVersion} started: ${built.queries.length} scheduled queries, ${built.packs.filter((p) => p.active).length} active packs`);
      const startup = startupRuns();
      scheduler.runSoon(startup);
      void scheduler.idle().then(() => status.info('init.cpp', 3, `Startup queries finished: ${startup.length}`));
      startedS = Math.floor(now() / 1000);
      scheduleTick();
    },
    async stop() {
      stopping = true;
      if (tickTimer) clearTimeout(tickTimer);
      triggers?.close();
      monitor?.stop();
      await scheduler.stop();
      if (outputs) status.info('init.cpp', 2, 'Watchpost agent stopping');
      setSchedulerView(undefined);
      setAgentConfigState({ configHash: '', configValid: false });
      await engine?.close();
      outputs?.close();
      outputs = undefined;
    },
  };
}

