import { readFileSync } from 'node:fs';
import type { ColumnSpec, TableSpec } from './table-spec.js';

let cached: ReadonlyMap<string, TableSpec> | undefined;

/**
 * Every osquery Linux table spec by name, column aliases expanded into extra
 * hidden columns (as osquery declares them). Read once per process.
 */
export function loadTableSpecs(): ReadonlyMap<string, TableSpec> {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(new URL('./osquery-tables.json', import.meta.url), 'utf8')) as TableSpec[];
  cached = new Map(raw.map((t) => [t.name, withColumnAliases(t)]));
  return cached;
}

function withColumnAliases(table: TableSpec): TableSpec {
  const extra: ColumnSpec[] = [];
  for (const c of table.columns) {
    for (const alias of c.aliases ?? []) {
      extra.push({ name: alias, type: c.type, description: `alias of ${c.name}`, hidden: true });
    }
  }
  return extra.length === 0 ? table : { ...table, columns: [...table.columns, ...extra] };
}

/** The column an alias column reads from, or the name itself. */
export function aliasTarget(table: TableSpec, column: string): string {
  for (const c of table.columns) if (c.aliases?.includes(column)) return c.name;
  return column;
}
