import type { TableSpec } from './table-spec.js';

/**
 * The column definition osquery builds for a table, `(`a` TEXT, …, PRIMARY KEY (`a`)) WITHOUT ROWID`:
 * index and additional columns form the primary key when at least one index
 * column exists (tables marked no_pkey get none).
 */
export function columnDefinition(table: TableSpec): string {
  const pkeys: string[] = [];
  let indexed = false;
  const cols = table.columns.map((c) => {
    if (c.index || c.additional) {
      if (c.index) indexed = true;
      pkeys.push(c.name);
    }
    let def = `\`${c.name}\` ${c.type}`;
    if (c.hidden) def += ' HIDDEN';
    if (c.collate) def += ` COLLATE ${c.collate}`;
    return def;
  });
  const withKey = indexed && !table.attributes?.no_pkey;
  let sql = '(' + cols.join(', ');
  if (withKey) sql += ', PRIMARY KEY (' + pkeys.map((p) => `\`${p}\``).join(', ') + ')';
  sql += ')';
  if (withKey) sql += ' WITHOUT ROWID';
  return sql;
}

/** The statement `.schema` prints for a table. */
export function createTableSql(table: TableSpec): string {
  return `CREATE TABLE ${table.name}${columnDefinition(table)};`;
}
