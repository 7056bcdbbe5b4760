import type { LoadedSqlite } from '../sqlite-wasm.js';
import { defineFunctions } from './define.js';
import { stringFunctions } from './string-functions.js';

/**
 * osquery's extra SQL functions on a connection, plus the math functions of
 * SQLite's extension-functions.c that the WebAssembly build carries.
 */
export function registerFunctions(sqlite: LoadedSqlite, db: number): void {
  sqlite.module._RegisterExtensionFunctions(db);
  defineFunctions(sqlite, db, stringFunctions);
}
