import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import SQLiteESMFactory from 'wa-sqlite/dist/wa-sqlite.mjs';
import * as SQLite from 'wa-sqlite';

/** wa-sqlite's API object (SQLite 3.44 compiled to WebAssembly, synchronous build). */
export type SQLiteApi = ReturnType<typeof SQLite.Factory>;

/** The raw Emscripten module, for the few C entry points the API object does not wrap. */
export interface WasmModule {
  readonly HEAPU8: Uint8Array;
  readonly HEAP32: Int32Array;
  _sqlite3_malloc(bytes: number): number;
  _RegisterExtensionFunctions(db: number): number;
  _sqlite3_result_error(ctx: number, message: number, length: number): void;
}

export interface LoadedSqlite {
  readonly api: SQLiteApi;
  readonly module: WasmModule;
}

let loading: Promise<LoadedSqlite> | undefined;

/** Loads the WebAssembly SQLite once per process (about 15 ms). */
export function loadSqlite(): Promise<LoadedSqlite> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('wa-sqlite/dist/wa-sqlite.wasm');
    const module = (await SQLiteESMFactory({ wasmBinary: readFileSync(wasmPath) })) as unknown as WasmModule;
    return { api: SQLite.Factory(module), module };
  })();
  return loading;
}

/** Copies a string into SQLite-owned memory (sqlite3_malloc), NUL-terminated, for zErrMsg. */
export function sqliteString(module: WasmModule, text: string): number {
  const bytes = new TextEncoder().encode(text);
  const ptr = module._sqlite3_malloc(bytes.length + 1);
  module.HEAPU8.set(bytes, ptr);
  module.HEAPU8[ptr + bytes.length] = 0;
  return ptr;
}

/** Sets sqlite3_vtab.zErrMsg (offset 8 on wasm32), so SQLite reports `message` for the failing statement. */
export function setVtabError(module: WasmModule, pVTab: number, message: string): void {
  module.HEAP32[(pVTab + 8) >> 2] = sqliteString(module, message);
}

export const sqliteCodes = SQLite;
