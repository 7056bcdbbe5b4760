import type { LoadedSqlite } from '../sqlite-wasm.js';
import { sqliteString } from '../sqlite-wasm.js';

export type SqlArg = string | number | bigint | Uint8Array | null;
export type SqlResult = string | number | bigint | null;

/** A scalar SQL function: arguments as SQLite values, result or a thrown Error (its message becomes the SQL error). */
export interface ScalarFunction {
  readonly name: string;
  /** Number of arguments; -1 for any. */
  readonly arity: number;
  readonly fn: (...args: SqlArg[]) => SqlResult;
}

const SQLITE_UTF8 = 1;
const SQLITE_DETERMINISTIC = 0x800;

/** Registers scalar functions on a connection. */
export function defineFunctions(sqlite: LoadedSqlite, db: number, functions: readonly ScalarFunction[]): void {
  const { api, module } = sqlite;
  for (const f of functions) {
    api.create_function(db, f.name, f.arity, SQLITE_UTF8 | SQLITE_DETERMINISTIC, 0, (ctx: number, values: Uint32Array) => {
      try {
        const args: SqlArg[] = [];
        for (const v of values) args.push(api.value(v) as SqlArg);
        const out = f.fn(...args);
        if (typeof out === 'number' && Number.isInteger(out) && (out > 0x7fffffff || out < -0x80000000)) api.result_int64(ctx, BigInt(out));
        else api.result(ctx, out);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const ptr = sqliteString(module, message);
        module._sqlite3_result_error(ctx, ptr, -1);
      }
    }, undefined, undefined);
  }
}
