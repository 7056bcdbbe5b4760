import { accessSync, constants, lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type BigIntStats, type Dirent } from 'node:fs';
import type { QueryContext } from '../table.js';

/**
 * Filesystem calls on logical host paths: every call maps its path through
 * `ctx.hostPath` (so tests can point `paths.root` at a fixture tree) and
 * returns undefined instead of throwing, because files come and go under a
 * query. Paths handed back (realpath) are logical again.
 */
export interface HostFs {
  /** lstat(2); a trailing '/' makes it follow a symlink, as the syscall does. */
  lstat(path: string): BigIntStats | undefined;
  /** stat(2), following symlinks. */
  stat(path: string): BigIntStats | undefined;
  /** The errno code of a failed stat(2) ('ENOENT', 'EACCES', …), or undefined when it succeeds. */
  statError(path: string): string | undefined;
  /** Directory entries (without . and ..), sorted by name; undefined when the directory cannot be read. */
  readdir(path: string): Dirent[] | undefined;
  readlink(path: string): string | undefined;
  /** realpath(3) as a logical path. */
  realpath(path: string): string | undefined;
  /** access(2) with R_OK. */
  isReadable(path: string): boolean;
  /** stat(2) says directory. */
  isDirectory(path: string): boolean;
  /** stat(2) says regular file. */
  isRegularFile(path: string): boolean;
  /** The host path the calls use. */
  toHost(path: string): string;
}

/** Creates the HostFs of one query. */
export function createHostFs(ctx: Pick<QueryContext, 'hostPath' | 'paths'>): HostFs {
  const root = ctx.paths.root;
  const toHost = (path: string): string => {
    if (root === '/' || !path.startsWith('/')) return path;
    // hostPath joins (and so normalises); keep a trailing '/' because it changes what lstat does.
    const mapped = ctx.hostPath(path);
    return path.endsWith('/') && !mapped.endsWith('/') ? `${mapped}/` : mapped;
  };
  const stat = (path: string): BigIntStats | undefined => {
    try {
      return statSync(toHost(path), { bigint: true });
    } catch {
      return undefined;
    }
  };
  return {
    toHost,
    stat,
    lstat(path) {
      try {
        return lstatSync(toHost(path), { bigint: true });
      } catch {
        return undefined;
      }
    },
    statError(path) {
      try {
        statSync(toHost(path));
        return undefined;
      } catch (err) {
        return (err as NodeJS.ErrnoException).code ?? 'EIO';
      }
    },
    readdir(path) {
      try {
        return readdirSync(toHost(path), { withFileTypes: true });
      } catch {
        return undefined;
      }
    },
    readlink(path) {
      try {
        return readlinkSync(toHost(path));
      } catch {
        return undefined;
      }
    },
    realpath(path) {
      let real: string;
      try {
        real = realpathSync(toHost(path));
      } catch {
        return undefined;
      }
      if (root === '/') return real;
      const prefix = root.endsWith('/') ? root.slice(0, -1) : root;
      if (real === prefix) return '/';
      return real.startsWith(`${prefix}/`) ? real.slice(prefix.length) : real;
    },
    isReadable(path) {
      try {
        accessSync(toHost(path), constants.R_OK);
        return true;
      } catch {
        return false;
      }
    },
    isDirectory: (path) => stat(path)?.isDirectory() ?? false,
    isRegularFile: (path) => stat(path)?.isFile() ?? false,
  };
}
