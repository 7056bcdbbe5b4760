import type { TableImpl } from './table.js';
import { dockerTables } from './docker/index.js';
import { filesTables } from './files/index.js';
import { loginsTables } from './logins/index.js';
import { networkTables } from './network/index.js';
import { systemTables } from './system/index.js';

/** Every implemented table. A table not listed here does not exist (`no such table`). */
export const allTables: readonly TableImpl[] = [...systemTables, ...loginsTables, ...networkTables, ...filesTables, ...dockerTables];

/** Every implemented table, by name. */
export function createTableRegistry(): ReadonlyMap<string, TableImpl> {
  return new Map(allTables.map((t) => [t.name, t]));
}
