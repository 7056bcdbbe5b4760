import type { QueryContext, Row, TableImpl } from '../table.js';
import { loadTableSpecs } from '../../specs/index.js';
import { linuxEventPublishers, linuxEventSubscribers } from './linux-event-plugins.js';
import { getAgentPlugins, getRegisteredTables, type PluginInfo } from './registry-view.js';

/**
 * osquery_registry: Watchpost's plugins in osquery's registries, sorted by
 * registry then name as osquery lists them. `table` holds every table the
 * SQL engine registered, active, internal when its spec is a utility table
 * (osquery registers those as internal); `event_publisher` and
 * `event_subscriber` hold osquery's Linux event plugins, inactive because
 * events are disabled; the running agent adds its own plugins. Everything
 * is core: owner_uuid 0.
 */
export function* genOsqueryRegistry(_ctx: QueryContext): Iterable<Row> {
  const specs = loadTableSpecs();
  const plugins: PluginInfo[] = [
    ...linuxEventPublishers.map((name) => ({ registry: 'event_publisher', name, internal: false, active: false })),
    ...linuxEventSubscribers.map(({ name }) => ({ registry: 'event_subscriber', name, internal: false, active: false })),
    ...getRegisteredTables().map((name) => ({ registry: 'table', name, internal: specs.get(name)?.attributes?.utility === true, active: true })),
    ...getAgentPlugins(),
  ];
  plugins.sort((a, b) => compareBytes(a.registry, b.registry) || compareBytes(a.name, b.name));
  for (const p of plugins) {
    yield { registry: p.registry, name: p.name, owner_uuid: 0, internal: p.internal ? 1 : 0, active: p.active ? 1 : 0 };
  }
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const osqueryRegistryTable: TableImpl = {
  name: 'osquery_registry',
  generate: genOsqueryRegistry,
  reads: ['the tables the SQL engine registered, the agent\'s plugins'],
};
