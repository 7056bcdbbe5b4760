import type { Dirent } from 'node:fs';
import type { HostFs } from './host-fs.js';
import { globPaths, type GlobHost } from './posix-glob.js';
import { appendPath } from './path-names.js';

/** osquery's GlobLimits: which results survive (directories are the ones glob marked with '/'). */
export type GlobLimit = 'files' | 'folders' | 'all';

export interface ResolveOptions {
  readonly limit: GlobLimit;
  /** Resolve symlinks in the part before the first wildcard (osquery does unless GLOB_NO_CANON). */
  readonly canonicalize: boolean;
  /** Directory relative patterns are resolved against; default process.cwd(). */
  readonly cwd?: string;
}

/** osquery's kMaxRecursiveGlobs: how deep a trailing `%%` descends. */
export const maxRecursiveGlobDepth = 64;

/**
 * osquery's resolveFilePattern. SQL wildcards become glob wildcards (`%` →
 * `*`), so `%` matches within one path component; a pattern ending in `%%`
 * (`**`) globs its last component with `*` and then walks every match that is
 * a directory depth-first (dot files included, symlinked directories followed,
 * each directory — keyed by device and inode — entered once, at most
 * maxRecursiveGlobDepth levels). `%%` anywhere else acts as `%`. `_` is not a
 * wildcard here; SQLite re-checks the LIKE on the rows. Directories come back
 * with a trailing '/'.
 */
export function resolveFilePattern(pattern: string, host: GlobHost, options: ResolveOptions): string[] {
  const glob = replaceGlobWildcards(pattern, host.fs, options);
  const results: string[] = [];
  if (glob.endsWith('**')) {
    const visited = new Set<string>();
    for (const base of globPaths(glob.slice(0, -1), host)) {
      results.push(base);
      if (host.fs.isDirectory(base)) walkDirectories(base, { host, visited, results }, 0);
    }
  } else {
    results.push(...globPaths(glob, host));
  }
  return results.filter((found) => (found.endsWith('/') ? options.limit !== 'files' : options.limit !== 'folders'));
}

/** osquery's replaceGlobWildcards: `%` → `*`, relative patterns made absolute, optional canonical base. */
function replaceGlobWildcards(pattern: string, fs: HostFs, options: ResolveOptions): string {
  let glob = pattern.replaceAll('%', '*');
  // osquery's test (with its Windows drive-letter clauses) for "relative".
  const relative =
    glob.length === 0 ||
    (glob[0] !== '/' && glob[0] !== '\\' && glob.length > 3 && glob[1] !== ':' && glob[2] !== '\\' && glob[2] !== '/');
  if (relative && glob[0] !== '~') glob = glob === '' ? (options.cwd ?? process.cwd()) : appendPath(options.cwd ?? process.cwd(), glob);
  if (!options.canonicalize) return glob;
  const star = glob.indexOf('*');
  const base = star < 0 ? glob : glob.slice(0, star);
  if (base === '') return glob;
  let canonical = fs.realpath(base) ?? '';
  if (canonical === '' || canonical === base) return glob;
  if (fs.isDirectory(canonical)) canonical += '/';
  return canonical + glob.slice(base.length);
}

interface Walk {
  readonly host: GlobHost;
  readonly visited: Set<string>;
  readonly results: string[];
}

function isVisited(walk: Walk, path: string): boolean {
  // lstat of "dir/" follows a symlinked directory, so a loop is caught at its target.
  const st = walk.host.fs.lstat(path);
  if (!st) return false;
  const key = `${st.dev}:${st.ino}`;
  if (walk.visited.has(key)) return true;
  walk.visited.add(key);
  return false;
}

function isDirectoryEntry(entry: Dirent, path: string, fs: HostFs): boolean {
  if (entry.isDirectory()) return true;
  if (entry.isSymbolicLink() || !(entry.isFile() || entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice())) {
    return fs.isDirectory(path);
  }
  return false;
}

function walkDirectories(current: string, walk: Walk, depth: number): void {
  if (depth >= maxRecursiveGlobDepth || isVisited(walk, current)) return;
  const { fs } = walk.host;
  walk.host.checkDeadline();
  for (const entry of fs.readdir(current) ?? []) {
    let path = appendPath(current, entry.name);
    const isDir = isDirectoryEntry(entry, path, fs);
    if (isDir) path += '/';
    walk.results.push(path);
    if (isDir) walkDirectories(path, walk, depth + 1);
  }
}
