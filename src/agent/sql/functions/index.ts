import type { LoadedSqlite } from '../sqlite-wasm.js';
import { defineFunctions } from './define.js';
import { encodingFunctions } from './encoding-functions.js';
import { filesystemFunctions } from './filesystem-functions.js';
import { createHashingFunctions } from './hashing-functions.js';
import { mathFunctions } from './math-functions.js';
import { networkFunctions } from './network-functions.js';
import { regexFunctions } from './regex-functions.js';
import { createSleepFunction } from './sleep-function.js';
import { stringFunctions } from './string-functions.js';
import { versionFunctions } from './version-compare.js';

export interface FunctionOptions {
  /** Receives what osquery logs as warnings (community_id_v1 returning NULL). */
  readonly onWarning?: (message: string) => void;
  /** Milliseconds left in the current statement; bounds sleep(). */
  readonly remainingMs?: () => number;
}

/**
 * osquery's extra SQL functions on a connection (osquery/sql/sqlite_*.cpp),
 * on top of the math functions of SQLite's extension-functions.c that the
 * WebAssembly build carries; math-functions.ts replaces those whose error
 * handling differs from osquery's. Not provided: carve() (osquery disables
 * it by default) and the VERSION* collations (the build cannot register
 * collations).
 */
export function registerFunctions(sqlite: LoadedSqlite, db: number, options: FunctionOptions = {}): void {
  sqlite.module._RegisterExtensionFunctions(db);
  defineFunctions(sqlite, db, [
    ...mathFunctions,
    ...stringFunctions,
    ...regexFunctions,
    ...networkFunctions,
    ...versionFunctions,
    ...createHashingFunctions(options.onWarning ?? (() => {})),
    ...encodingFunctions,
    ...filesystemFunctions,
    createSleepFunction({ remainingMs: options.remainingMs }),
  ]);
}
