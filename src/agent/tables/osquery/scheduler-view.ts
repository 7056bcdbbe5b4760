/** Run statistics of one scheduled query, in osquery_schedule's units. */
export interface QueryPerformance {
  readonly executions: number;
  /** Unix seconds of the last completed run. */
  readonly lastExecuted: number;
  /** Bytes of result rows produced, over all runs. */
  readonly outputSize: number;
  /** Seconds, over all runs (osquery's deprecated wall_time). */
  readonly wallTime: number;
  readonly wallTimeMs: number;
  readonly lastWallTimeMs: number;
  readonly userTimeMs: number;
  readonly lastUserTimeMs: number;
  readonly systemTimeMs: number;
  readonly lastSystemTimeMs: number;
  /** Bytes of resident memory left allocated after collecting results. */
  readonly averageMemory: number;
  readonly lastMemory: number;
}

/** One query of the running schedule, packs included (`pack_<pack>_<query>` names). */
export interface ScheduledQueryInfo {
  readonly name: string;
  readonly query: string;
  /** The configured interval in seconds (before splay). */
  readonly interval: number;
  readonly denylisted: boolean;
  /** Absent until the query has run. */
  readonly performance?: QueryPerformance;
}

/** One loaded pack. */
export interface PackInfo {
  readonly name: string;
  readonly platform: string;
  readonly version: string;
  /** 1-100, 0 for no restriction. */
  readonly shard: number;
  /** Whether version, platform and discovery queries let it run. */
  readonly active: boolean;
  readonly discoveryCacheHits: number;
  readonly discoveryExecutions: number;
}

/**
 * What osquery_schedule and osquery_packs report: the agent's live schedule.
 * Read at query time, so it must answer quickly and never throw.
 */
export interface SchedulerView {
  scheduledQueries(): Iterable<ScheduledQueryInfo>;
  packs(): Iterable<PackInfo>;
}

/** The shell's view: `watchpost sql`, like osqueryi, has no schedule and no packs. */
export const shellSchedulerView: SchedulerView = {
  scheduledQueries: () => [],
  packs: () => [],
};

let current: SchedulerView = shellSchedulerView;

/** Installs the running agent's schedule (one per process); undefined restores the shell's empty view. */
export function setSchedulerView(view: SchedulerView | undefined): void {
  current = view ?? shellSchedulerView;
}

export function getSchedulerView(): SchedulerView {
  return current;
}
