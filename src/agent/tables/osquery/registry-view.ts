/** One plugin of a registry other than `table` (config, logger, distributed...). */
export interface PluginInfo {
  readonly registry: string;
  readonly name: string;
  readonly internal: boolean;
  readonly active: boolean;
}

let registeredTables: readonly string[] = [];
let agentPlugins: readonly PluginInfo[] = [];

/**
 * Records the tables the SQL engine registered (called by createSqlEngine),
 * for osquery_registry. The engine owns this list; reading it here avoids
 * importing the table registry, which imports this folder. With several
 * engines in one process, the last one created wins.
 */
export function setRegisteredTables(names: Iterable<string>): void {
  registeredTables = [...names];
}

export function getRegisteredTables(): readonly string[] {
  return registeredTables;
}

/** Records the running agent's own plugins (config, logger, distributed...); none in the shell. */
export function setAgentPlugins(plugins: readonly PluginInfo[]): void {
  agentPlugins = [...plugins];
}

export function getAgentPlugins(): readonly PluginInfo[] {
  return agentPlugins;
}
