/**
 * Table schemas as data, taken from osquery's specs (osquery-tables.json holds
 * the 158 Linux tables of osquery 5.23.1). Nothing here reads the system.
 */
export type ColumnType = 'TEXT' | 'INTEGER' | 'BIGINT' | 'UNSIGNED BIGINT' | 'DOUBLE' | 'BLOB';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly description: string;
  /** Constraints on it are pushed down to the generator; part of the primary key. */
  readonly index?: boolean;
  /** The table cannot be generated without a constraint on one of its required columns. */
  readonly required?: boolean;
  /** Pushed down like index, but not a primary-key column on its own. */
  readonly additional?: boolean;
  /** IN (...) on it is delivered at once. */
  readonly optimized?: boolean;
  readonly hidden?: boolean;
  readonly collate?: string;
  /** Only filled on another platform; hidden and never populated on Linux. */
  readonly foreignPlatformOnly?: boolean;
  /** Other names the column answers to (hidden columns reading this one). */
  readonly aliases?: readonly string[];
}

export interface TableSpec {
  readonly name: string;
  readonly platforms: readonly string[];
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
  readonly evented: boolean;
  readonly cacheable: boolean;
  readonly aliases?: readonly string[];
  readonly attributes?: Readonly<Record<string, boolean>>;
  readonly examples?: readonly string[];
}

/** Whether constraints on the column are handed to the generator. */
export function isPushedDown(column: ColumnSpec): boolean {
  return Boolean(column.index || column.required || column.additional);
}
