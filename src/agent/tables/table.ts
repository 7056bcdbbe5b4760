/**
 * The contract between the SQL layer and table generators, after osquery's
 * TablePlugin: a generator reads live system state for one table and yields
 * rows; constraints come from the QueryContext, never from parsing SQL.
 */

/** The operators SQLite hands to a virtual table (osquery's ConstraintOperator). */
export type ConstraintOp = '=' | '>' | '<=' | '<' | '>=' | 'MATCH' | 'LIKE' | 'GLOB' | 'REGEXP';

export interface Constraint {
  readonly op: ConstraintOp;
  /** The right-hand value as SQLite gave it. */
  readonly value: string | number | bigint | null;
}

/**
 * One cell as a generator fills it. The SQL layer converts to the column's
 * declared type as osquery does: a missing TEXT cell reads '', a missing or
 * unparsable numeric cell reads NULL.
 */
export type CellValue = string | number | bigint | boolean | null | undefined;
export type Row = Readonly<Record<string, CellValue>>;

/** Files and sockets a generator reads; tests point them at fixtures. */
export interface SystemPaths {
  /** Prefix for every absolute path of host state (/proc, /sys, /etc, …); '/' on a real host. */
  readonly root: string;
  readonly utmp: string;
  readonly wtmp: string;
  readonly dockerSocket: string;
}

export const defaultSystemPaths: SystemPaths = {
  root: '/',
  utmp: '/var/run/utmp',
  wtmp: '/var/log/wtmp',
  dockerSocket: '/var/run/docker.sock',
};

export interface QueryContext {
  readonly table: string;
  readonly paths: SystemPaths;
  /** Constraints pushed down on a column; only index, required and additional columns get any. */
  constraints(column: string): readonly Constraint[];
  /** The distinct `=` values on a column, as strings (osquery's getAll(EQUALS)). */
  equals(column: string): readonly string[];
  /** Whether any constraint (optionally of one operator) exists on a column. */
  hasConstraint(column: string, op?: ConstraintOp): boolean;
  /** Whether the statement reads the column; generators may skip costly columns it does not. */
  isColumnUsed(column: string): boolean;
  /** An absolute host path resolved under paths.root. */
  hostPath(path: string): string;
  /** Throws once the query's deadline has passed; long loops call it. */
  checkDeadline(): void;
  /** Logs a warning the way osquery's status log does, once per distinct message per query. */
  warn(message: string): void;
}

export type TableGenerator = (ctx: QueryContext) => Iterable<Row>;

export interface TableImpl {
  /** The osquery table name; its schema comes from the specs. */
  readonly name: string;
  readonly generate: TableGenerator;
  /** What the generator reads, for docs/tables.md. */
  readonly reads: readonly string[];
  /** Whether full results need root (without it the table returns what it can read). */
  readonly needsRoot?: boolean;
}
