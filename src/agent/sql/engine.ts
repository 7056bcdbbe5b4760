import { WatchpostError } from '../../core/index.js';
import { loadTableSpecs, type TableSpec } from '../specs/index.js';
import { createTableRegistry } from '../tables/registry.js';
import { setRegisteredTables } from '../tables/osquery/registry-view.js';
import { defaultSystemPaths, type SystemPaths, type TableImpl } from '../tables/table.js';
import { createReadOnlyAuthorizer, type AuthorizerState } from './authorizer.js';
import { registerFunctions } from './functions/index.js';
import { QueryRuntime } from './query-runtime.js';
import { loadSqlite, sqliteCodes as S } from './sqlite-wasm.js';
import { createTableModule } from './vtab-module.js';

export interface SqlEngineOptions {
  /** Host files the tables read; tests point these at fixtures. */
  readonly paths?: Partial<SystemPaths>;
  /** Per-statement time limit; default 10 s. */
  readonly timeoutMs?: number;
  /** Tables to register; default every implemented table. */
  readonly tables?: ReadonlyMap<string, TableImpl>;
  /** Receives warnings from tables (osquery's status-log warnings). */
  readonly onWarning?: (message: string) => void;
}

/** One statement's result: column names and each row's values as SQLite renders them as text (NULL stays null). */
export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | null>>;
}

export interface SqlEngine {
  /** Runs every statement in `sql`; returns the result of each that produces columns. */
  query(sql: string, options?: { timeoutMs?: number }): Promise<QueryResult[]>;
  /** Specs of the registered tables, sorted by name (aliases excluded). */
  tables(): readonly TableSpec[];
  /** Looks up a registered table or alias. */
  table(name: string): TableSpec | undefined;
  close(): Promise<void>;
}

const defaultTimeoutMs = 10_000;

/**
 * An osquery-compatible SQL engine: SQLite (WebAssembly) with one virtual
 * table per implemented osquery table, osquery's extra SQL functions, and a
 * read-only authorizer. Statements run one at a time.
 */
export async function createSqlEngine(options: SqlEngineOptions = {}): Promise<SqlEngine> {
  const sqlite = await loadSqlite();
  const { api } = sqlite;
  const db = await api.open_v2(':memory:');
  const paths: SystemPaths = { ...defaultSystemPaths, ...options.paths };
  const runtime = new QueryRuntime(paths, options.onWarning ?? (() => {}));
  const specs = loadTableSpecs();
  const registry = options.tables ?? createTableRegistry();
  const registered = new Map<string, TableSpec>();

  for (const impl of registry.values()) {
    const spec = specs.get(impl.name);
    if (!spec) throw new WatchpostError('ERR_INTERNAL', `table ${impl.name} has no osquery spec`);
    api.create_module(db, impl.name, createTableModule(spec, impl, sqlite, runtime));
    registered.set(spec.name, spec);
    for (const alias of spec.aliases ?? []) {
      await api.exec(db, `CREATE VIEW main."${alias}" AS SELECT * FROM "${impl.name}"`);
    }
  }
  // osquery_registry lists the tables registered here.
  setRegisteredTables(registered.keys());
  registerFunctions(sqlite, db, { onWarning: (m) => runtime.warn(m), remainingMs: () => runtime.remainingMs });

  const auth: AuthorizerState = { denied: undefined };
  api.set_authorizer(db, createReadOnlyAuthorizer(auth), null);
  api.progress_handler(db, 1000, () => (runtime.expired ? 1 : 0), null);

  let queue: Promise<unknown> = Promise.resolve();
  const sorted = [...registered.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const byName = new Map(registered);
  for (const spec of sorted) for (const alias of spec.aliases ?? []) byName.set(alias, spec);

  async function run(sql: string, timeoutMs: number): Promise<QueryResult[]> {
    runtime.begin(timeoutMs);
    auth.denied = undefined;
    const results: QueryResult[] = [];
    try {
      for await (const stmt of api.statements(db, sql)) {
        const columns = api.column_names(stmt);
        const rows: Array<Array<string | null>> = [];
        while ((await api.step(stmt)) === S.SQLITE_ROW) {
          const row: Array<string | null> = [];
          for (let i = 0; i < columns.length; i++) {
            row.push(api.column_type(stmt, i) === S.SQLITE_NULL ? null : api.column_text(stmt, i));
          }
          rows.push(row);
        }
        if (columns.length > 0) results.push({ columns, rows });
      }
    } catch (err) {
      throw translateError(err, auth, runtime);
    }
    return results;
  }

  return {
    query(sql, queryOptions = {}) {
      const result = queue.then(() => run(sql, queryOptions.timeoutMs ?? options.timeoutMs ?? defaultTimeoutMs));
      queue = result.catch(() => undefined);
      return result;
    },
    tables: () => sorted,
    table: (name) => byName.get(name),
    async close() {
      await queue;
      await api.close(db);
    },
  };
}

function translateError(err: unknown, auth: AuthorizerState, runtime: QueryRuntime): WatchpostError {
  const message = err instanceof Error ? err.message : String(err);
  if (auth.denied !== undefined) {
    return new WatchpostError('ERR_AGENT_READ_ONLY', `${auth.denied} is not allowed: Watchpost SQL is read-only`, { cause: err });
  }
  const vtabWrite = /^table (\S+) may not be modified$/.exec(message);
  if (vtabWrite) {
    return new WatchpostError('ERR_AGENT_READ_ONLY', `writing to table ${vtabWrite[1]} is not allowed: Watchpost SQL is read-only`, { cause: err });
  }
  // Past the deadline, the failure is the interrupt (progress handler) or a generator's deadline check.
  if (runtime.expired) {
    return new WatchpostError('ERR_AGENT_QUERY_TIMEOUT', `query exceeded the ${runtime.timeoutMs} ms timeout and was interrupted`, { cause: err });
  }
  return new WatchpostError('ERR_AGENT_SQL', message, { cause: err });
}
