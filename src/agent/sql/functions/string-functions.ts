import { rawText, SqlFunctionError, type ScalarFunction, type SqlArg, type SqlResult } from './define.js';

/** C isspace() in the "C" locale: space, \t, \n, \v, \f, \r. */
export function isCSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

function trimBytes(bytes: Uint8Array): Uint8Array {
  let start = 0;
  let end = bytes.length;
  while (start < end && isCSpace(bytes[start] ?? 0)) start++;
  while (end > start && isCSpace(bytes[end - 1] ?? 0)) end--;
  return bytes.subarray(start, end);
}

/**
 * osquery::split(input, tokens): split on every byte that occurs in
 * `tokens` (boost::is_any_of), drop the empty pieces, then trim C whitespace
 * from each piece (a piece of only spaces stays, as "").
 */
export function splitOnAnyByte(input: Uint8Array, tokens: Uint8Array): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= input.length; i++) {
    if (i < input.length && !tokens.includes(input[i] ?? 0)) continue;
    if (i > start) pieces.push(trimBytes(input.subarray(start, i)));
    start = i + 1;
  }
  return pieces;
}

/** Parses split's three arguments the way osquery's callStringSplitFunc does; null means a NULL result. */
export function readSplitArgs(
  value: SqlArg,
  tokens: SqlArg,
  index: SqlArg,
): { input: Uint8Array; tokens: Uint8Array; index: number } | null {
  if (value.type === 'null' || tokens.type === 'null' || index.type === 'null') return null;
  const token = tokens.cstring() ?? new Uint8Array(0);
  if (token.length === 0) throw new SqlFunctionError('Invalid input to split function');
  // static_cast<size_t>(sqlite3_value_int(...)): a negative index is out of range.
  const n = index.int();
  return { input: value.cstring() ?? new Uint8Array(0), tokens: token, index: n < 0 ? Number.POSITIVE_INFINITY : n };
}

/** split(value, tokens, index): the index-th piece of osquery::split, NULL when out of range. */
function split(value: SqlArg, tokens: SqlArg, index: SqlArg): SqlResult {
  const args = readSplitArgs(value, tokens, index);
  if (args === null) return null;
  const piece = splitOnAnyByte(args.input, args.tokens)[args.index];
  return piece === undefined ? null : rawText(piece);
}

/**
 * osquery's concatFunc: non-NULL arguments from `first` on, each followed by
 * `separator` unless it is the last argument. A NULL last argument therefore
 * leaves a trailing separator (concat_ws('-', 'a', NULL) is 'a-'), as osquery does.
 */
function concatFrom(args: readonly SqlArg[], first: number, separator: Uint8Array): SqlResult {
  if (args.length - first === 0) return null;
  const parts: Uint8Array[] = [];
  for (let i = first; i < args.length; i++) {
    const bytes = args[i]?.cstring();
    if (bytes === null || bytes === undefined) continue;
    parts.push(bytes);
    if (separator.length > 0 && i + 1 < args.length) parts.push(separator);
  }
  return rawText(Buffer.concat(parts));
}

function concatWs(...args: SqlArg[]): SqlResult {
  const [separator] = args;
  if (separator === undefined) throw new SqlFunctionError('Missing separator to concat_ws');
  return concatFrom(args, 1, separator.cstring() ?? new Uint8Array(0));
}

/** split, concat and concat_ws (osquery/sql/sqlite_string.cpp); regex_* live in regex-functions.ts. */
export const stringFunctions: readonly ScalarFunction[] = [
  { name: 'split', arity: 3, fn: split },
  { name: 'concat', arity: -1, fn: (...args) => concatFrom(args, 0, new Uint8Array(0)) },
  { name: 'concat_ws', arity: -1, fn: concatWs },
];
