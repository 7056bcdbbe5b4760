import type { TableImpl } from './table.js';
import { loadTableSpecs } from '../specs/index.js';
import { createEventsDisabledTables } from './events-disabled.js';
import { dockerTables } from './docker/index.js';
import { filesTables } from './files/index.js';
import { loginsTables } from './logins/index.js';
import { networkTables } from './network/index.js';
import { systemTables } from './system/index.js';
import { packagesTables } from './packages/index.js';
import { hardwareTables } from './hardware/index.js';
import { processinfoTables } from './processinfo/index.js';
import { osqueryTables } from './osquery/index.js';
import { securityTables } from './security/index.js';
import { miscTables } from './misc/index.js';

/** Every implemented table. A table not listed here does not exist (`no such table`). */
export const allTables: readonly TableImpl[] = [
  ...systemTables,
  ...loginsTables,
  ...networkTables,
  ...filesTables,
  ...dockerTables,
  ...packagesTables,
  ...hardwareTables,
  ...processinfoTables,
  ...osqueryTables,
  ...securityTables,
  ...miscTables,
];

/**
 * Every implemented table, by name, plus osquery's event-based tables that
 * answer as osquery does with events disabled (a warning, no rows).
 */
export function createTableRegistry(): ReadonlyMap<string, TableImpl> {
  const implemented = new Map(allTables.map((t) => [t.name, t]));
  for (const t of createEventsDisabledTables(loadTableSpecs().values(), new Set(implemented.keys()))) implemented.set(t.name, t);
  return implemented;
}
