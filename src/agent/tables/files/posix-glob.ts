import type { HostFs } from './host-fs.js';
import { createGlobMatcher, expandBraces, hasGlobMagic, unescapeGlob } from './glob-pattern.js';
import { appendPath } from './path-names.js';

export interface GlobHost {
  readonly fs: HostFs;
  readonly checkDeadline: () => void;
  /** Home directory for `~` (no user: the caller's) or `~user`; undefined leaves the tilde as written. */
  readonly homeOf: (user: string | undefined) => string | undefined;
}

/**
 * glob(3) as osquery's platformGlob calls it (GLOB_TILDE | GLOB_MARK |
 * GLOB_BRACE): matches sorted per brace alternative, directories (symlinks
 * to directories too) marked with a trailing '/', names starting with '.'
 * only matched by a pattern component starting with '.', and a pattern
 * without wildcards returned as written when lstat(2) finds it.
 */
export function globPaths(pattern: string, host: GlobHost): string[] {
  return expandBraces(pattern).flatMap((alternative) => globOne(expandTilde(alternative, host), host));
}

function expandTilde(pattern: string, host: GlobHost): string {
  if (!pattern.startsWith('~')) return pattern;
  const slash = pattern.indexOf('/');
  const end = slash < 0 ? pattern.length : slash;
  const home = host.homeOf(pattern.slice(1, end) || undefined);
  return home === undefined ? pattern : home + pattern.slice(end);
}

function markDirectory(path: string, fs: HostFs): string {
  return !path.endsWith('/') && fs.isDirectory(path) ? `${path}/` : path;
}

function globOne(pattern: string, host: GlobHost): string[] {
  const { fs } = host;
  if (!hasGlobMagic(pattern)) {
    const plain = unescapeGlob(pattern);
    return fs.lstat(plain) ? [markDirectory(plain, fs)] : [];
  }
  const mustBeDirectory = pattern.endsWith('/');
  const components = pattern.split('/').filter((c) => c !== '');
  let matches: string[] = [pattern.startsWith('/') ? '/' : ''];
  components.forEach((component, k) => {
    const last = k === components.length - 1;
    if (!hasGlobMagic(component)) {
      const name = unescapeGlob(component);
      matches = matches.map((dir) => appendPath(dir, name));
      if (last) matches = matches.filter((path) => fs.lstat(path) !== undefined);
      return;
    }
    const isMatch = createGlobMatcher(component);
    const next: string[] = [];
    for (const dir of matches) {
      host.checkDeadline();
      const entries = fs.readdir(dir === '' ? '.' : dir);
      if (!entries) continue;
      const names = entries.map((e) => e.name);
      if (component.startsWith('.')) names.unshift('.', '..');
      for (const name of names) if (isMatch(name)) next.push(appendPath(dir, name));
    }
    matches = next;
  });
  const marked = mustBeDirectory
    ? matches.filter((path) => fs.isDirectory(path)).map((path) => `${path}/`)
    : matches.map((path) => markDirectory(path, fs));
  return marked.sort(compareBytes);
}

/**
 * strcmp order (glibc sorts glob results in the C locale). UTF-16 order
 * equals UTF-8 byte order except for characters beyond U+FFFF.
 */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
