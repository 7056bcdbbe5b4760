import { isDirectory as isDirectoryOnDisk } from '../lib/fs-read.js';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { compareBytes } from './compare-bytes.js';
import type { HostView } from './host-view.js';

/**
 * osquery's path globbing (osquery/filesystem/filesystem.cpp) on a HostView:
 * `%` is the SQL spelling of `*`, the literal part before the first wildcard
 * is canonicalised first (so a symlinked prefix reads as its target), and
 * glob(3) runs with GLOB_MARK, so directories come back with a trailing '/'.
 * Every path in and out is logical (as the view's rows report it).
 */

export type GlobLimit = 'all' | 'files' | 'folders';

/** The sorted paths matching a pattern; directories end in '/'. Never throws. */
export function resolvePattern(view: HostView, pattern: string, limit: GlobLimit = 'all'): string[] {
  const matches = globPaths(view, canonicalizeBase(view, pattern.replaceAll('%', '*')));
  return matches.filter((p) => (p.endsWith('/') ? limit !== 'files' : limit !== 'folders'));
}

/**
 * osquery's listDirectoriesInDirectory(dir, …, false): the subdirectories of
 * dir (dot entries excluded, as glob's `*` excludes them), sorted, without a
 * trailing '/'. [] when dir is not a directory.
 */
export function listDirectories(view: HostView, dir: string): string[] {
  if (!isDirectory(view, dir)) return [];
  return resolvePattern(view, `${trimSlashes(dir)}/*`, 'folders').map((p) => p.slice(0, -1));
}

export interface WalkOptions {
  /** Called once per directory visited; lets a generator enforce its deadline. */
  readonly onDirectory?: () => void;
}

const maxRecursiveDepth = 64;

/**
 * osquery's listDirectoriesInDirectory(dir, …, true): every directory below
 * dir, depth first, without trailing '/'. The first level comes from glob
 * (no dot entries), deeper levels from readdir (dot entries included);
 * symlinked directories are followed, a directory already seen (by device
 * and inode) is not entered twice, and the walk stops 64 levels down.
 */
export function listDirectoriesRecursive(view: HostView, dir: string, options: WalkOptions = {}): string[] {
  if (!isDirectory(view, dir)) return [];
  const results: string[] = [];
  const visited = new Set<string>();
  const walk = (path: string, depth: number): void => {
    if (depth >= maxRecursiveDepth) return;
    const id = directoryId(view.resolve(path));
    if (id === undefined || visited.has(id)) return;
    visited.add(id);
    options.onDirectory?.();
    for (const name of readNames(view.resolve(path))) {
      const child = `${path}/${name}`;
      if (!isDirectory(view, child)) continue;
      results.push(child);
      walk(child, depth + 1);
    }
  };
  for (const top of listDirectories(view, dir)) {
    results.push(top);
    walk(top, 0);
  }
  return results;
}

/** boost::filesystem::canonical, or the path itself when it cannot be resolved inside the view. */
export function canonicalPath(view: HostView, path: string): string {
  try {
    return view.unresolve(realpathSync(view.resolve(path))) ?? path;
  } catch {
    return path;
  }
}

export function isDirectory(view: HostView, path: string): boolean {
  return isDirectoryOnDisk(view.resolve(path));
}

/** osquery's replaceGlobWildcards: canonicalise the literal prefix of a pattern. */
function canonicalizeBase(view: HostView, pattern: string): string {
  const star = pattern.indexOf('*');
  const base = star === -1 ? pattern : pattern.slice(0, star);
  if (base === '') return pattern;
  let canonical: string;
  try {
    canonical = view.unresolve(realpathSync(view.resolve(base))) ?? '';
  } catch {
    return pattern;
  }
  if (canonical === '' || canonical === base) return pattern;
  if (isDirectory(view, canonical)) canonical += '/';
  return canonical + pattern.slice(base.length);
}

/** glob(3) with GLOB_MARK for `*` and `?` wildcards. */
function globPaths(view: HostView, pattern: string): string[] {
  if (!pattern.startsWith('/')) return [];
  const parts = pattern.split('/').slice(1);
  let prefixes = [''];
  let wantDirectory = false;
  parts.forEach((part, i) => {
    if (part === '') {
      if (i === parts.length - 1) wantDirectory = true;
      return;
    }
    if (!/[*?]/.test(part)) {
      prefixes = prefixes.map((p) => `${p}/${part}`);
      return;
    }
    const re = toRegExp(part);
    const next: string[] = [];
    for (const prefix of prefixes) {
      for (const name of readNames(view.resolve(prefix === '' ? '/' : prefix))) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (re.test(name)) next.push(`${prefix}/${name}`);
      }
    }
    prefixes = next;
  });
  const results: string[] = [];
  for (const path of prefixes) {
    if (path === '' || !existsNoFollow(view.resolve(path))) continue;
    const dir = isDirectory(view, path);
    if (wantDirectory && !dir) continue;
    results.push(dir ? `${path}/` : path);
  }
  return results.sort(compareBytes);
}

function toRegExp(part: string): RegExp {
  const body = [...part].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()[\]{}|]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

function readNames(path: string): string[] {
  try {
    return readdirSync(path).sort(compareBytes);
  } catch {
    return [];
  }
}

function existsNoFollow(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function directoryId(path: string): string | undefined {
  try {
    const st = statSync(path);
    return st.isDirectory() ? `${st.dev}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

function trimSlashes(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
