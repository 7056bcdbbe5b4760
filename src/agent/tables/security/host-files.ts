import { accessSync, constants, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { QueryContext } from '../table.js';
import { isDirectory } from '../lib/fs-read.js';

/**
 * File access on logical host paths for the security tables: every path is
 * mapped through `ctx.hostPath` (tests point `paths.root` at a fixture tree)
 * and every path handed back is logical again. Nothing here throws.
 */
export type HostContext = Pick<QueryContext, 'hostPath' | 'paths'>;

/** The file's bytes, or the errno code ('ENOENT', 'EACCES', …) when it cannot be read. */
export function readHostFile(ctx: HostContext, path: string): Buffer | string {
  try {
    return readFileSync(ctx.hostPath(path));
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'EIO';
  }
}

/** The file as UTF-8 text, or undefined when it cannot be read. */
export function readHostText(ctx: HostContext, path: string): string | undefined {
  const content = readHostFile(ctx, path);
  return typeof content === 'string' ? undefined : content.toString('utf8');
}

/** access(2) with R_OK. */
export function isHostReadable(ctx: HostContext, path: string): boolean {
  try {
    accessSync(ctx.hostPath(path), constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** stat(2), following symlinks, says directory. */
export function isHostDirectory(ctx: HostContext, path: string): boolean {
  return isDirectory(ctx.hostPath(path));
}

/** The size in bytes of what the path resolves to, or undefined when stat(2) fails. */
export function hostFileSize(ctx: HostContext, path: string): number | undefined {
  try {
    return statSync(ctx.hostPath(path)).size;
  } catch {
    return undefined;
  }
}

/** Whether stat(2) succeeds on the path (so a dangling symlink does not exist). */
export function hostPathExists(ctx: HostContext, path: string): boolean {
  try {
    statSync(ctx.hostPath(path));
    return true;
  } catch {
    return false;
  }
}

/** realpath(3) of a logical path, as a logical path; undefined when it does not resolve. */
export function hostRealpath(ctx: HostContext, path: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(ctx.hostPath(path));
  } catch {
    return undefined;
  }
  if (ctx.paths.root === '/') return real;
  let root: string;
  try {
    root = realpathSync(ctx.paths.root);
  } catch {
    return undefined;
  }
  if (real === root) return '/';
  return real.startsWith(`${root}/`) ? real.slice(root.length) : undefined;
}

/** Directory entry names (without . and ..), sorted bytewise; undefined when the directory cannot be read. */
export function listHostDirectory(ctx: HostContext, path: string): string[] | undefined {
  try {
    return readdirSync(ctx.hostPath(path)).sort(compareBytes);
  } catch {
    return undefined;
  }
}

/**
 * osquery's listFilesInDirectory(dir, false): glob(3) of `<realpath dir>/*`,
 * so names starting with '.' are skipped, directories (symlinks to them too)
 * are dropped, and the result is sorted. Paths are the canonical directory
 * plus '/' plus the name. Undefined when the directory does not exist.
 */
export function listHostFiles(ctx: HostContext, dir: string): string[] | undefined {
  const real = hostRealpath(ctx, dir);
  if (real === undefined || !isHostDirectory(ctx, real)) return undefined;
  const names = listHostDirectory(ctx, real) ?? [];
  const base = real.endsWith('/') ? real : `${real}/`;
  return names.filter((name) => !name.startsWith('.')).map((name) => base + name).filter((path) => !isHostDirectory(ctx, path));
}

/** Joins like boost::filesystem's operator/ (no doubled separator). */
export function joinPath(dir: string, name: string): string {
  if (dir === '') return name;
  if (name.startsWith('/')) return dir.endsWith('/') ? dir + name.slice(1) : dir + name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** The parent directory of a path, as boost's parent_path. */
export function parentPath(path: string): string {
  const at = path.lastIndexOf('/');
  if (at < 0) return '';
  return at === 0 ? '/' : path.slice(0, at);
}

/** Byte-order comparison (glob(3) sorts in the C locale). */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
