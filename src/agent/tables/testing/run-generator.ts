import { createQueryContext } from '../../sql/query-context.js';
import { defaultSystemPaths, type Constraint, type Row, type SystemPaths, type TableImpl } from '../table.js';
import { loadTableSpecs } from '../../specs/index.js';

export interface RunGeneratorOptions {
  /** Pushed-down constraints by column, as SQLite would hand them over. */
  readonly constraints?: Readonly<Record<string, readonly Constraint[]>>;
  readonly paths?: Partial<SystemPaths>;
  /** Columns the query reads; default every column of the spec. */
  readonly usedColumns?: readonly string[];
}

export interface GeneratorRun {
  readonly rows: Row[];
  readonly warnings: string[];
}

/** Calls a table generator directly, outside SQL, the way osquery's host_details does. For tests. */
export function runGenerator(impl: TableImpl, options: RunGeneratorOptions = {}): GeneratorRun {
  const spec = loadTableSpecs().get(impl.name);
  const warnings: string[] = [];
  const ctx = createQueryContext({
    table: impl.name,
    paths: { ...defaultSystemPaths, ...options.paths },
    constraints: new Map(Object.entries(options.constraints ?? {})),
    usedColumns: new Set(options.usedColumns ?? spec?.columns.map((c) => c.name) ?? []),
    deadlineMs: Date.now() + 10_000,
    timeoutMs: 10_000,
    warn: (m) => warnings.push(m),
  });
  return { rows: [...impl.generate(ctx)], warnings };
}
