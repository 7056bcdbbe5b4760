import { join } from 'node:path';
import { WatchpostError } from '../../core/index.js';
import type { Constraint, ConstraintOp, QueryContext, SystemPaths } from '../tables/table.js';

export interface QueryContextInit {
  readonly table: string;
  readonly paths: SystemPaths;
  readonly constraints: ReadonlyMap<string, readonly Constraint[]>;
  readonly usedColumns: ReadonlySet<string>;
  readonly deadlineMs: number;
  readonly timeoutMs: number;
  readonly warn: (message: string) => void;
}

/** Creates the context one xFilter call hands to a generator. */
export function createQueryContext(init: QueryContextInit): QueryContext {
  const byColumn = init.constraints;
  return {
    table: init.table,
    paths: init.paths,
    constraints: (column) => byColumn.get(column) ?? [],
    equals: (column) => {
      const values = (byColumn.get(column) ?? []).filter((c) => c.op === '=' && c.value !== null).map((c) => String(c.value));
      return [...new Set(values)];
    },
    hasConstraint: (column: string, op?: ConstraintOp) =>
      (byColumn.get(column) ?? []).some((c) => op === undefined || c.op === op),
    isColumnUsed: (column) => init.usedColumns.has(column),
    hostPath: (path) => (init.paths.root === '/' ? path : join(init.paths.root, path)),
    checkDeadline: () => {
      if (Date.now() > init.deadlineMs) {
        throw new WatchpostError('ERR_AGENT_QUERY_TIMEOUT', `query exceeded the ${init.timeoutMs} ms timeout while reading ${init.table}`);
      }
    },
    warn: init.warn,
  };
}
