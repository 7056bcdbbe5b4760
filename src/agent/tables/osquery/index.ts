import type { TableImpl } from '../table.js';
import { osqueryEventsTable } from './osquery-events.js';
import { osqueryExtensionsTable } from './osquery-extensions.js';
import { osqueryFlagsTable } from './osquery-flags.js';
import { osqueryPacksTable } from './osquery-packs.js';
import { osqueryRegistryTable } from './osquery-registry.js';
import { osqueryScheduleTable } from './osquery-schedule.js';

export const osqueryTables: readonly TableImpl[] = [
  osqueryScheduleTable,
  osqueryPacksTable,
  osqueryFlagsTable,
  osqueryEventsTable,
  osqueryRegistryTable,
  osqueryExtensionsTable,
];

export { setSchedulerView, shellSchedulerView, type SchedulerView, type ScheduledQueryInfo, type PackInfo, type QueryPerformance } from './scheduler-view.js';
export { setFlagValues } from './flag-values.js';
export { setRegisteredTables, setAgentPlugins, type PluginInfo } from './registry-view.js';
