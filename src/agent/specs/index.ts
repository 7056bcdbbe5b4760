export type { ColumnSpec, ColumnType, TableSpec } from './table-spec.js';
export { isPushedDown } from './table-spec.js';
export { loadTableSpecs, aliasTarget } from './load-specs.js';
export { columnDefinition, createTableSql } from './create-table-sql.js';
