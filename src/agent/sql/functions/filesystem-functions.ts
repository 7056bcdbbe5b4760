import { statSync } from 'node:fs';
import { rawText, SqlFunctionError, type ScalarFunction, type SqlArg, type SqlResult } from './define.js';
import { isCSpace } from './string-functions.js';

/** boost::filesystem exists(status(p)) && !is_directory: follows symlinks; relative paths use the cwd. */
function isExistingNonDirectory(path: string): boolean {
  if (path === '') return false;
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return st !== undefined && !st.isDirectory();
  } catch {
    return false;
  }
}

interface CommandScan {
  readonly command: string;
  readonly escape: string;
  readonly allowQuoting: boolean;
}

/**
 * osquery's findExistingProgramPathFromCommand: walks the command (leading
 * spaces skipped), honouring `"` quoting (when allowed) and the escape
 * character, and tests the text read so far at each unquoted space and at
 * the end. `shortest` stops at the first existing non-directory; otherwise
 * the last one wins. '' when none exists.
 */
function findProgramPath(scan: CommandScan, shortest: boolean): string {
  const { command, escape, allowQuoting } = scan;
  let pos = 0;
  while (pos < command.length && isCSpace(command.charCodeAt(pos))) pos++;
  let result = '';
  let current = '';
  let quoted = false;
  let escaped = false;
  for (; pos < command.length; pos++) {
    const ch = command[pos] as string;
    if (escaped) {
      current += ch;
      escaped = false;
      continue;
    }
    if (allowQuoting && ch === '"') {
      quoted = !quoted;
      continue;
    }
    if (ch === escape) {
      escaped = true;
      continue;
    }
    if (!quoted && isCSpace(ch.charCodeAt(0)) && isExistingNonDirectory(current)) {
      result = current;
      if (shortest) break;
    }
    current += ch;
  }
  if ((result === '' || !shortest) && isExistingNonDirectory(current)) result = current;
  return result;
}

/** Reads (command[, allow_quoting[, escape_char]]); null when osquery's findExistingProgramPathFromCommandSqlArgs gives up. */
function readScan(args: readonly SqlArg[]): CommandScan | null {
  if (args.length === 0 || args.some((a) => a.type === 'null')) return null;
  let escape = '\\';
  if (args.length > 2) {
    const symbol = args[2]?.cstring() ?? new Uint8Array(0);
    if (symbol.length !== 1) return null;
    escape = String.fromCharCode(symbol[0] ?? 0);
  }
  return { command: args[0]?.text() ?? '', escape, allowQuoting: args.length > 1 && args[1]?.int() !== 0 };
}

/** find_file_path_in_cmd(command[, allow_quoting[, escape]]): the shortest existing file path the command starts with, or ''. */
function findFilePathInCmd(...args: SqlArg[]): SqlResult {
  const scan = readScan(args);
  if (scan === null) throw new SqlFunctionError('Invalid inputs to find_binary_path_from_cmd');
  return findProgramPath(scan, true);
}

/**
 * is_path_deterministic(command[, allow_quoting[, escape]]): 1 when the
 * command names at most one existing file (no prefix at all, the whole
 * command, or shortest and longest candidates equal in length), else 0.
 */
function isPathDeterministic(...args: SqlArg[]): SqlResult {
  const scan = readScan(args);
  if (scan === null) throw new SqlFunctionError('Invalid inputs to is_path_deterministic');
  const shortest = Buffer.byteLength(findProgramPath(scan, true));
  if (shortest === 0 || shortest === (args[0]?.cstring()?.length ?? 0)) return 1;
  return shortest === Buffer.byteLength(findProgramPath(scan, false)) ? 1 : 0;
}

/**
 * parent_directory(path): everything before the last '/' ('' for '/x'),
 * NULL when there is no '/'. Anything but TEXT is an error, NULL included.
 */
function parentDirectory(path: SqlArg): SqlResult {
  if (path.type !== 'text') throw new SqlFunctionError('Invalid inputs to parent_directory, TEXT was expected');
  const bytes = path.cstring() ?? new Uint8Array(0);
  const slash = bytes.lastIndexOf(0x2f);
  return slash < 0 ? null : rawText(bytes.subarray(0, slash));
}

/** find_file_path_in_cmd, is_path_deterministic and parent_directory (osquery/sql/sqlite_filesystem.cpp). */
export const filesystemFunctions: readonly ScalarFunction[] = [
  { name: 'is_path_deterministic', arity: -1, fn: isPathDeterministic },
  { name: 'find_file_path_in_cmd', arity: -1, fn: findFilePathInCmd },
  { name: 'parent_directory', arity: 1, fn: parentDirectory },
];
