import type { QueryContext, Row, TableImpl } from '../table.js';
import { flagCatalog } from './flag-catalog.js';
import { getFlagValues } from './flag-values.js';

/**
 * osquery_flags: the flags Watchpost understands with their defaults and the
 * values in force, then custom_* flags (type string, no description or
 * default), sorted by name as osquery's flag map is.
 */
export function* genOsqueryFlags(_ctx: QueryContext): Iterable<Row> {
  const values = getFlagValues();
  const rows: Row[] = flagCatalog.map((f) => ({
    name: f.name,
    type: f.type,
    description: f.description,
    default_value: f.defaultValue,
    value: values.get(f.name) ?? f.defaultValue,
    shell_only: f.shellOnly ? 1 : 0,
  }));
  for (const [name, value] of values) {
    if (name.startsWith('custom_')) rows.push({ name, type: 'string', description: '', default_value: '', value, shell_only: 0 });
  }
  yield* rows.sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1));
}

export const osqueryFlagsTable: TableImpl = {
  name: 'osquery_flags',
  generate: genOsqueryFlags,
  reads: ['Watchpost\'s flag catalog and the values in force'],
};
