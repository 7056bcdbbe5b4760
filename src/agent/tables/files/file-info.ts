import type { BigIntStats } from 'node:fs';
import type { Row } from '../table.js';
import type { HostFs } from './host-fs.js';
import { getBoostFilename } from './path-names.js';

/** osquery's lsperms: the four octal digits of st_mode & 07777 ("0644", "4755", "1777"). */
export function formatMode(mode: number | bigint): string {
  return (Number(mode) & 0o7777).toString(8).padStart(4, '0');
}

/** Whole seconds of a nanosecond timestamp, rounded down as st_atim.tv_sec is. */
export function secondsOf(ns: bigint): bigint {
  const s = ns / 1_000_000_000n;
  return ns < 0n && s * 1_000_000_000n !== ns ? s - 1n : s;
}

/** The file type name osquery gives boost's fs::status (which follows symlinks). */
function describeFileType(fs: HostFs, path: string, st: BigIntStats | undefined): string {
  if (!st) {
    const code = fs.statError(path);
    // boost maps ENOENT/ENOTDIR to file_not_found, which osquery has no name for.
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'unknown' : 'error';
  }
  if (st.isFile()) return 'regular';
  if (st.isDirectory()) return 'directory';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isBlockDevice()) return 'block';
  if (st.isCharacterDevice()) return 'character';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return 'unknown';
}

/**
 * One `file` row as osquery's genFileInfoPosix fills it, or undefined when
 * lstat(2) fails. Metadata comes from stat(2) (the link target) and falls
 * back to lstat(2) for a dangling symlink; `device` is st_rdev; `btime` is 0
 * on Linux; `symlink_target_path` is the raw readlink(2) text.
 */
export function readFileInfo(fs: HostFs, entry: { readonly path: string; readonly directory: string }): Row | undefined {
  const { path, directory } = entry;
  const link = fs.lstat(path);
  if (!link) return undefined;
  const row: Record<string, string | number | bigint> = {
    path,
    filename: getBoostFilename(path),
    directory,
    symlink: 0,
  };
  if (link.isSymbolicLink()) {
    row.symlink = 1;
    row.symlink_target_path = fs.readlink(path) ?? '';
  }
  const target = fs.stat(path);
  const st = target ?? link;
  row.inode = st.ino;
  row.uid = st.uid;
  row.gid = st.gid;
  row.mode = formatMode(st.mode);
  row.device = st.rdev;
  row.size = st.size;
  row.block_size = st.blksize;
  row.hard_links = st.nlink;
  row.atime = secondsOf(st.atimeNs);
  row.mtime = secondsOf(st.mtimeNs);
  row.ctime = secondsOf(st.ctimeNs);
  row.btime = 0;
  row.pid_with_namespace = 0;
  row.type = describeFileType(fs, path, target);
  return row;
}
