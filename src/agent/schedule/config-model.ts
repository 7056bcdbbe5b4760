/**
 * The agent's configuration after parsing and validation: osquery's config
 * document (options, schedule, packs, decorators, file_paths) as plain data.
 * Platform, version and shard filters are not applied yet (see pack-filter.ts).
 */

/** One scheduled query as the config declares it. */
export interface QueryConfig {
  /** The name in its pack (`last`), not the logged name (`pack_ssh_last`). */
  readonly name: string;
  readonly query: string;
  /** Seconds, 1..604800. */
  readonly intervalS: number;
  readonly snapshot: boolean;
  /** false drops `removed` rows from the output (state is still kept). */
  readonly removed: boolean;
  readonly platform: string;
  readonly version: string;
  /** 1..100; 0 means every machine. */
  readonly shard: number;
  /** false exempts the query from the failure denylist. */
  readonly denylist: boolean;
  /** Present for queries that run once at start-up, in ascending priority. */
  readonly startupPriority?: number;
}

/** A pack; the top-level `schedule` is the pack named `main` whose queries keep their own names. */
export interface PackConfig {
  readonly name: string;
  /** The file the pack was read from (the config file for inline packs). */
  readonly source: string;
  readonly platform: string;
  readonly version: string;
  readonly shard: number;
  readonly discovery: readonly string[];
  readonly queries: readonly QueryConfig[];
}

export interface DecoratorConfig {
  readonly load: readonly string[];
  readonly always: readonly string[];
  /** Period in seconds (a multiple of 60) → queries. */
  readonly interval: ReadonlyArray<{ readonly periodS: number; readonly queries: readonly string[] }>;
}

export interface AgentConfig {
  /** `options`: flag name → value as text (booleans 'true'/'false'). */
  readonly options: Readonly<Record<string, string>>;
  /** The top-level `schedule` as the pack `main`, then the packs in config order. */
  readonly packs: readonly PackConfig[];
  readonly decorators: DecoratorConfig;
  /** FIM categories → globs (kept for file_events; Watchpost does not run FIM yet). */
  readonly filePaths: Readonly<Record<string, readonly string[]>>;
  /** The raw `prometheus_targets` value, for the prometheus_metrics table. */
  readonly prometheusTargets: unknown;
  /** SHA-1 of the config text(s), for osquery_info.config_hash. */
  readonly hash: string;
  /** What osquery would log as warnings while loading (skipped queries, ignored decorators). */
  readonly warnings: readonly string[];
}

export const mainPackName = 'main';

export const emptyDecorators: DecoratorConfig = { load: [], always: [], interval: [] };
