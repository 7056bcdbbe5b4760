import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RotatingLogOptions {
  /** `--logger_rotate`: rotate by size (default false, as osquery). */
  readonly rotate?: boolean;
  /** `--logger_rotate_size`, bytes; default 25 MiB. */
  readonly rotateSizeBytes?: number;
  /** `--logger_rotate_max_files`; default 25. */
  readonly maxFiles?: number;
  /** `--logger_mode`; default 0640. */
  readonly mode?: number;
}

export interface RotatingLog {
  readonly path: string;
  /** Appends lines (each gets a newline), rotating first when the file has reached the size limit. */
  append(lines: readonly string[]): void;
  close(): void;
}

/**
 * An append-only log file with osquery's filesystem-logger rotation: before a
 * write, a file at or over the size limit becomes `<path>.1`, older ones
 * shift to `.2`, `.3`…, and files past `maxFiles` are deleted. (osquery
 * zstd-compresses `.2` and older; Node 20 has no zstd, so they stay plain.)
 */
export function createRotatingLog(path: string, options: RotatingLogOptions = {}): RotatingLog {
  const rotate = options.rotate ?? false;
  const limit = options.rotateSizeBytes ?? 25 * 1024 * 1024;
  const maxFiles = Math.max(1, options.maxFiles ?? 25);
  const mode = options.mode ?? 0o640;
  mkdirSync(dirname(path), { recursive: true });
  let fd = openSync(path, 'a', mode);
  let size = fstatSync(fd).size;

  function rotateNow(): void {
    closeSync(fd);
    let n = 1;
    while (existsSync(`${path}.${n}`)) n++;
    // Shift .k → .k+1 from the oldest down, then the live file → .1.
    for (let k = n - 1; k >= 1; k--) renameSync(`${path}.${k}`, `${path}.${k + 1}`);
    renameSync(path, `${path}.1`);
    for (let k = n; k > maxFiles; k--) rmSync(`${path}.${k}`, { force: true });
    fd = openSync(path, 'a', mode);
    size = 0;
  }

  return {
    path,
    append(lines) {
      if (lines.length === 0) return;
      if (rotate && size >= limit) rotateNow();
      const data = Buffer.from(lines.join('\n') + '\n');
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off);
      size += data.length;
    },
    close() {
      closeSync(fd);
    },
  };
}
