import type { TableImpl } from './table.js';
import { systemTables } from './system/index.js';

/** Every implemented table, by name. A table not listed here does not exist (`no such table`). */
export function createTableRegistry(): ReadonlyMap<string, TableImpl> {
  const all: TableImpl[] = [...systemTables];
  return new Map(all.map((t) => [t.name, t]));
}
