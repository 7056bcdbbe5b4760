import type { LoadedSqlite, WasmModule } from '../sqlite-wasm.js';

/** The storage class of an argument, as sqlite3_value_type reports it. */
export type SqlType = 'integer' | 'real' | 'text' | 'blob' | 'null';

/**
 * One argument of a call, read through the same C conversions osquery's
 * functions use. Valid only while the function runs.
 */
export interface SqlArg {
  readonly type: SqlType;
  /** sqlite3_value_text: every byte of the value rendered as text (UTF-8); null for NULL. */
  bytes(): Uint8Array | null;
  /** The bytes up to the first NUL, i.e. what `(const char*)sqlite3_value_text(v)` sees; null for NULL. */
  cstring(): Uint8Array | null;
  /** cstring() decoded as UTF-8 (invalid sequences become U+FFFD); null for NULL. */
  text(): string | null;
  /** sqlite3_value_int: 32-bit, text parsed by its numeric prefix, reals truncated. */
  int(): number;
  /** sqlite3_value_int64. */
  int64(): bigint;
  /** sqlite3_value_double. */
  double(): number;
}

/** A REAL result (a plain number result is an INTEGER). */
export interface SqlReal {
  readonly kind: 'real';
  readonly value: number;
}

/** A TEXT result given as raw bytes, which need not be valid UTF-8 (osquery returns such text). */
export interface SqlRawText {
  readonly kind: 'raw-text';
  readonly bytes: Uint8Array;
}

/** string → TEXT, number/bigint → INTEGER, null → NULL, real()/rawText() for the rest. */
export type SqlResult = string | number | bigint | null | SqlReal | SqlRawText;

/** A scalar SQL function: arguments as SQLite values, result or a thrown SqlFunctionError. */
export interface ScalarFunction {
  readonly name: string;
  /** Number of arguments; -1 for any. */
  readonly arity: number;
  /** False for functions with side effects (osquery's sleep); default true. */
  readonly deterministic?: boolean;
  readonly fn: (...args: SqlArg[]) => SqlResult;
}

/** The error a function raises; its message becomes the statement's SQLite error, verbatim. */
export class SqlFunctionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlFunctionError';
  }
}

/** Wraps a number as a REAL result. */
export function real(value: number): SqlReal {
  return { kind: 'real', value };
}

/** Wraps bytes as a TEXT result without re-encoding them. */
export function rawText(bytes: Uint8Array): SqlRawText {
  return { kind: 'raw-text', bytes };
}

/** The C entry points used here beyond those sqlite-wasm.ts declares (all exported by wa-sqlite's build). */
interface RawModule extends WasmModule {
  _sqlite3_free(ptr: number): void;
  _sqlite3_value_text(value: number): number;
  _sqlite3_value_bytes(value: number): number;
  _sqlite3_value_int(value: number): number;
  _sqlite3_value_double(value: number): number;
  _sqlite3_result_text(ctx: number, text: number, bytes: number, destructor: number): void;
}

const SQLITE_UTF8 = 1;
const SQLITE_DETERMINISTIC = 0x800;
const SQLITE_TRANSIENT = -1;
const typeNames: Record<number, SqlType> = { 1: 'integer', 2: 'real', 3: 'text', 4: 'blob', 5: 'null' };
const utf8 = new TextDecoder();

/** Registers scalar functions on a connection (replacing any of the same name and arity). */
export function defineFunctions(sqlite: LoadedSqlite, db: number, functions: readonly ScalarFunction[]): void {
  const { api } = sqlite;
  const module = sqlite.module as RawModule;
  for (const f of functions) {
    const flags = SQLITE_UTF8 | (f.deterministic === false ? 0 : SQLITE_DETERMINISTIC);
    api.create_function(db, f.name, f.arity, flags, 0, (ctx: number, values: Uint32Array) => {
      try {
        const args = Array.from(values, (v) => createArg(sqlite, v));
        setResult(sqlite, ctx, f.fn(...args));
      } catch (err) {
        const ptr = copyIn(module, new TextEncoder().encode(err instanceof Error ? err.message : String(err)));
        module._sqlite3_result_error(ctx, ptr, -1);
        module._sqlite3_free(ptr);
      }
    }, undefined, undefined);
  }
}

function createArg({ api, module }: LoadedSqlite, value: number): SqlArg {
  const raw = module as RawModule;
  const type = typeNames[api.value_type(value)] ?? 'null';
  function bytes(): Uint8Array | null {
    if (type === 'null') return null;
    const ptr = raw._sqlite3_value_text(value);
    const length = raw._sqlite3_value_bytes(value);
    return ptr === 0 ? new Uint8Array(0) : raw.HEAPU8.slice(ptr, ptr + length);
  }
  function cstring(): Uint8Array | null {
    const all = bytes();
    if (all === null) return null;
    const nul = all.indexOf(0);
    return nul < 0 ? all : all.subarray(0, nul);
  }
  return {
    type,
    bytes,
    cstring,
    text: () => {
      const c = cstring();
      return c === null ? null : utf8.decode(c);
    },
    int: () => raw._sqlite3_value_int(value),
    int64: () => api.value_int64(value),
    double: () => raw._sqlite3_value_double(value),
  };
}

function setResult({ api, module }: LoadedSqlite, ctx: number, out: SqlResult): void {
  if (out === null) api.result_null(ctx);
  else if (typeof out === 'string') api.result_text(ctx, out);
  else if (typeof out === 'bigint') api.result_int64(ctx, out);
  else if (typeof out === 'number') {
    if (out >= -0x80000000 && out <= 0x7fffffff) api.result_int(ctx, out);
    else api.result_int64(ctx, BigInt(Math.trunc(out)));
  } else if (out.kind === 'real') api.result_double(ctx, out.value);
  else {
    const raw = module as RawModule;
    const ptr = copyIn(raw, out.bytes);
    raw._sqlite3_result_text(ctx, ptr, out.bytes.length, SQLITE_TRANSIENT);
    raw._sqlite3_free(ptr);
  }
}

/** Copies bytes into sqlite3_malloc'd memory with a NUL after them; the caller frees it. */
function copyIn(module: WasmModule, bytes: Uint8Array): number {
  const ptr = module._sqlite3_malloc(bytes.length + 1);
  module.HEAPU8.set(bytes, ptr);
  module.HEAPU8[ptr + bytes.length] = 0;
  return ptr;
}
