import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { HostFs } from './host-fs.js';
import { readMaxBytes } from './read-limits.js';

/** The three digests of the hash table; all '' when the file could not be read. */
export interface FileHashes {
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
}

export const emptyHashes: FileHashes = { md5: '', sha1: '', sha256: '' };

const chunkBytes = 1024 * 1024;

/**
 * osquery's hashMultiFromFile: md5, sha1 and sha256 of the whole file, read
 * with O_NONBLOCK in chunks; a file whose size (or bytes read so far)
 * exceeds readMaxBytes yields empty digests (osquery does not log it).
 * Files reporting size 0 (/proc) are read until EOF.
 */
export function hashFile(hostPath: string, checkDeadline: () => void): FileHashes {
  let fd: number;
  try {
    fd = openSync(hostPath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return emptyHashes;
  }
  try {
    if (fstatSync(fd).size > readMaxBytes) return emptyHashes;
    const digests = [createHash('md5'), createHash('sha1'), createHash('sha256')] as const;
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let total = 0;
    for (;;) {
      checkDeadline();
      const n = readChunk(fd, buffer);
      if (n < 0) return emptyHashes;
      if (n === 0) break;
      total += n;
      if (total > readMaxBytes) return emptyHashes;
      for (const d of digests) d.update(buffer.subarray(0, n));
    }
    const [md5, sha1, sha256] = digests.map((d) => d.digest('hex')) as [string, string, string];
    return { md5, sha1, sha256 };
  } finally {
    closeSync(fd);
  }
}

/** Bytes read into `buffer`, 0 at EOF, -1 on a read error. */
function readChunk(fd: number, buffer: Buffer): number {
  try {
    return readSync(fd, buffer, 0, buffer.length, null);
  } catch {
    return -1;
  }
}

interface CacheEntry {
  readonly ino: bigint;
  readonly mtimeSec: bigint;
  readonly size: bigint;
  readonly hashes: FileHashes;
}

/** osquery's --hash_cache_max default. */
export const hashCacheMax = 500;
const evictCount = 5;

/**
 * osquery's FileHashCache: digests by path, recomputed when the inode, the
 * mtime (whole seconds) or the size changes; when full, the five least
 * recently used entries are dropped. Process-wide, like osquery's.
 */
export class FileHashCache {
  readonly #entries = new Map<string, CacheEntry>();

  /** The digests of `path`, or undefined (and a warning) when stat(2) fails. */
  load(fs: HostFs, path: string, options: { checkDeadline: () => void; warn: (m: string) => void }): FileHashes | undefined {
    const st = fs.stat(path);
    if (!st) {
      options.warn(`Cannot stat file: ${path}: ${describeErrno(fs.statError(path))}`);
      return undefined;
    }
    const key = fs.toHost(path);
    const cached = this.#entries.get(key);
    const mtimeSec = st.mtimeNs / 1_000_000_000n;
    if (cached && cached.ino === st.ino && cached.mtimeSec === mtimeSec && cached.size === st.size) {
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached.hashes;
    }
    const hashes = hashFile(key, options.checkDeadline);
    if (!cached && this.#entries.size >= hashCacheMax) {
      for (const old of [...this.#entries.keys()].slice(0, evictCount)) this.#entries.delete(old);
    }
    this.#entries.delete(key);
    this.#entries.set(key, { ino: st.ino, mtimeSec, size: st.size, hashes });
    return hashes;
  }

  get size(): number {
    return this.#entries.size;
  }
}

const errnoText: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
};

function describeErrno(code: string | undefined): string {
  return (code && errnoText[code]) ?? 'Input/output error';
}
