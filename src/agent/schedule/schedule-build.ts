import type { PackInfo } from '../tables/osquery/index.js';
import type { AgentConfig, PackConfig } from './config-model.js';
import { mainPackName } from './config-model.js';
import { inShard, matchesPlatform, meetsVersion } from './pack-filter.js';
import { findTablesInSql } from './query-tables.js';
import type { ScheduledQuery } from './scheduler.js';

export interface BuildScheduleOptions {
  readonly packDelimiter: string;
  readonly machineShard: number;
  /** Known table names (and aliases), lowercase, for trigger matching. */
  readonly tables: ReadonlySet<string>;
  /** The splayed interval for a query name and its configured interval (persisted by the caller). */
  splay(name: string, intervalS: number): number;
  /** Whether a pack's discovery queries all return rows (cached by the caller). */
  discovered(pack: PackConfig): boolean;
  readonly platform?: string;
}

export interface BuiltSchedule {
  readonly queries: readonly ScheduledQuery[];
  readonly packs: readonly PackInfo[];
}

/**
 * Turns a config into the running schedule, as osquery's Pack and Schedule
 * do: a pack runs when its platform, version and shard match and its
 * discovery queries return rows; each query is filtered the same way.
 * Names: `pack<D><pack><D><query>` (D = --pack_delimiter), bare names for the
 * top-level schedule; the first of two equal names wins.
 */
export function buildSchedule(config: AgentConfig, options: BuildScheduleOptions): BuiltSchedule {
  const queries: ScheduledQuery[] = [];
  const packs: PackInfo[] = [];
  const seen = new Set<string>();
  for (const pack of config.packs) {
    const restricted = !matchesPlatform(pack.platform, options.platform) || !meetsVersion(pack.version) || !inShard(pack.shard, options.machineShard);
    const active = !restricted && options.discovered(pack);
    if (pack.name !== mainPackName) {
      packs.push({ name: pack.name, platform: pack.platform, version: pack.version, shard: pack.shard, active, discoveryCacheHits: 0, discoveryExecutions: pack.discovery.length === 0 ? 0 : 1 });
    }
    if (!active) continue;
    for (const q of pack.queries) {
      if (!matchesPlatform(q.platform, options.platform) || !meetsVersion(q.version) || !inShard(q.shard, options.machineShard)) continue;
      const d = options.packDelimiter;
      const name = pack.name === mainPackName ? q.name : `pack${d}${pack.name}${d}${q.name}`;
      if (seen.has(name)) continue;
      seen.add(name);
      queries.push({ name, packName: pack.name, config: q, splayedS: options.splay(name, q.intervalS), tables: findTablesInSql(q.query, options.tables) });
    }
  }
  return { queries, packs };
}

/**
 * The queries that run at start: those with `startup_priority`, in ascending
 * priority (osquery), then every query reading a table an event trigger
 * watches (Watchpost: so the first event has a baseline to diff against).
 */
export function pickStartupRuns(queries: readonly ScheduledQuery[], triggerTables: ReadonlySet<string>): string[] {
  const withPriority = queries.filter((q) => q.config.startupPriority !== undefined).sort((a, b) => (a.config.startupPriority ?? 0) - (b.config.startupPriority ?? 0));
  const triggered = queries.filter((q) => [...q.tables].some((t) => triggerTables.has(t)));
  return [...new Set([...withPriority, ...triggered].map((q) => q.name))];
}
