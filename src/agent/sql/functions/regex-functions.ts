import { rawText, SqlFunctionError, type ScalarFunction, type SqlArg, type SqlResult } from './define.js';
import { readSplitArgs } from './string-functions.js';
import { bytesFromLatin1, compileStdRegex, latin1FromBytes, searchFrom, splitByRegex, StdRegexError } from './std-regex.js';

/** osquery's --regex_max_size default: the longest pattern, in bytes, regex_match and regex_split accept. */
export const regexMaxBytes = 256;

/**
 * regex_split(value, pattern, index): the index-th piece between matches of
 * `pattern` (std::sregex_token_iterator with -1), NULL when out of range.
 * Shares split's argument rules; a bad or oversized pattern is "Invalid regex".
 */
function regexSplit(value: SqlArg, pattern: SqlArg, index: SqlArg): SqlResult {
  const args = readSplitArgs(value, pattern, index);
  if (args === null) return null;
  if (args.tokens.length > regexMaxBytes) throw new SqlFunctionError('Invalid regex');
  const re = compileOrFail(args.tokens);
  const piece = splitByRegex(re, latin1FromBytes(args.input))[args.index];
  return piece === undefined ? null : rawText(bytesFromLatin1(piece));
}

/**
 * regex_match(value, pattern, index): group `index` of the first match
 * (std::regex_search); 0 is the whole match, a group that did not take part
 * is ''. NULL when any argument is NULL, nothing matches, or index is past
 * the last group.
 */
function regexMatch(value: SqlArg, pattern: SqlArg, index: SqlArg): SqlResult {
  if (value.type === 'null' || pattern.type === 'null' || index.type === 'null') return null;
  const patternBytes = pattern.cstring() ?? new Uint8Array(0);
  const input = value.cstring() ?? new Uint8Array(0);
  const n = index.int();
  if (patternBytes.length > regexMaxBytes) {
    throw new SqlFunctionError(`Invalid regex: too big, max size is ${regexMaxBytes} bytes`);
  }
  const match = searchFrom(compileOrFail(patternBytes), latin1FromBytes(input), 0);
  if (match === null || n < 0 || n >= match.length) return null;
  return rawText(bytesFromLatin1(match[n] ?? ''));
}

function compileOrFail(pattern: Uint8Array): ReturnType<typeof compileStdRegex> {
  try {
    return compileStdRegex(pattern);
  } catch (err) {
    if (err instanceof StdRegexError) throw new SqlFunctionError('Invalid regex');
    throw err;
  }
}

/** regex_split and regex_match (osquery/sql/sqlite_string.cpp). */
export const regexFunctions: readonly ScalarFunction[] = [
  { name: 'regex_split', arity: 3, fn: regexSplit },
  { name: 'regex_match', arity: 3, fn: regexMatch },
];
