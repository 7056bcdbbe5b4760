import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { copyLabels } from './copy-labels.js';
import type { EntryPipeline, SourceContext } from './types.js';

const chunkBytes = 256 * 1024;
/** One read buffer for every tailer (reads are synchronous): an unfinished line first, then the chunk. */
let shared = Buffer.allocUnsafe(2 * chunkBytes);

export interface FileTailerOptions {
  readonly path: string;
  /** Target labels (with `filename`); each entry gets its own copy. */
  readonly labels: Readonly<Record<string, string>>;
  readonly startOffset: number;
  readonly pipeline: EntryPipeline;
  readonly ctx: SourceContext;
  /** Called when the path was renamed away and reopened: the old file's identity (fileIdentity) and how far it was read. */
  readonly onRotated?: ((identity: string, offset: number) => void) | undefined;
}

interface Checkpoint {
  readonly seq: number;
  readonly offset: number;
  readonly generation: number;
}

/**
 * Tails one file as promtail does: lines split on `\n` (kept `\r`), an
 * incomplete last line held until its newline arrives; truncation
 * (copytruncate) restarts at 0; rename rotation reads the renamed file to its
 * end, then reopens the path from 0 (tail -F).
 *
 * The position recorded for the path is the offset after the last line whose
 * seq was handed over (commit), never the read offset.
 */
export class FileTailer {
  readonly path: string;
  readonly #labels: Readonly<Record<string, string>>;
  readonly #pipeline: EntryPipeline;
  readonly #ctx: SourceContext;
  readonly #onRotated: FileTailerOptions['onRotated'];
  readonly #checkpoints: Checkpoint[] = [];
  #fd: number | undefined;
  #ino = -1;
  #readOffset: number;
  #pending: Buffer | undefined;
  #generation = 0;
  #size = 0;
  #atEof = false;
  #openFailureLogged = false;
  #identity = '';

  constructor(options: FileTailerOptions) {
    this.path = options.path;
    this.#labels = options.labels;
    this.#pipeline = options.pipeline;
    this.#ctx = options.ctx;
    this.#onRotated = options.onRotated;
    this.#readOffset = options.startOffset;
    this.#open(options.startOffset);
  }

  /** Bytes consumed as complete lines. */
  get offset(): number {
    return this.#readOffset - (this.#pending?.length ?? 0);
  }

  /** The inode of the open file (-1 before it opens). */
  get ino(): number {
    return this.#fd === undefined ? -1 : this.#ino;
  }

  /** File size at the last look. */
  get size(): number {
    return this.#size;
  }

  /** Whether the last read found the end of the file. */
  get atEof(): boolean {
    return this.#atEof;
  }

  /**
   * Reads and emits one chunk of lines; returns true when it read a full
   * chunk (more is likely ready). At the end of the file it checks for
   * truncation and rotation.
   */
  readChunk(): boolean {
    if (this.#fd === undefined && !this.#open(0)) return false;
    const held = this.#pending?.length ?? 0;
    if (shared.length < held + chunkBytes) shared = Buffer.allocUnsafe(2 * (held + chunkBytes));
    const n = readSync(this.#fd as number, shared, held, chunkBytes, this.#readOffset);
    if (n === 0) {
      this.#atEof = true;
      return this.#checkAtEof();
    }
    this.#atEof = false;
    this.#readOffset += n;
    if (this.#pending) this.#pending.copy(shared, 0);
    const data = shared.subarray(0, held + n);
    const last = data.lastIndexOf(10);
    if (last === -1) {
      this.#pending = Buffer.from(data);
      return n === chunkBytes;
    }
    this.#pending = last + 1 < data.length ? Buffer.from(data.subarray(last + 1)) : undefined;
    this.#emitLines(data.toString('utf8', 0, last));
    return n === chunkBytes;
  }

  /** Records the position of the last handed-over line of the current file. */
  commit(frontier: number): void {
    let best: Checkpoint | undefined;
    while (this.#checkpoints.length > 0 && (this.#checkpoints[0] as Checkpoint).seq < frontier) best = this.#checkpoints.shift();
    if (best && best.generation === this.#generation) this.#ctx.positions.set(this.path, String(best.offset));
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    this.#ctx.metrics.readBytes.remove({ path: this.path });
    this.#ctx.metrics.fileBytes.remove({ path: this.path });
  }

  #emitLines(text: string): void {
    const lines = text.split('\n');
    let seq = 0;
    for (const line of lines) seq = this.#ctx.emit(this.#pipeline, copyLabels(this.#labels), line);
    const offset = this.offset;
    this.#checkpoints.push({ seq, offset, generation: this.#generation });
    this.#ctx.metrics.readLines.inc({ path: this.path }, lines.length);
    this.#ctx.metrics.readBytes.set({ path: this.path }, offset);
  }

  #open(offset: number): boolean {
    try {
      this.#fd = openSync(this.path, 'r');
    } catch (err) {
      this.#fd = undefined;
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && !this.#openFailureLogged) {
        this.#openFailureLogged = true;
        this.#ctx.logger.error('failed to open file, retrying at every poll', { path: this.path, error: (err as Error).message });
      }
      return false;
    }
    this.#openFailureLogged = false;
    const st = fstatSync(this.#fd);
    this.#ino = st.ino;
    this.#identity = fileIdentity(st);
    this.#size = st.size;
    // A saved offset past the end: the file was truncated while we were away.
    this.#readOffset = offset > st.size ? 0 : offset;
    this.#pending = undefined;
    this.#ctx.metrics.fileBytes.set({ path: this.path }, st.size);
    this.#ctx.metrics.readBytes.set({ path: this.path }, this.#readOffset);
    return true;
  }

  /** At EOF: a shrunk file was truncated (read again from 0); a new inode at the path was rotated in. */
  #checkAtEof(): boolean {
    const fd = this.#fd as number;
    const st = fstatSync(fd);
    this.#size = st.size;
    this.#ctx.metrics.fileBytes.set({ path: this.path }, st.size);
    if (st.size < this.#readOffset) {
      this.#ctx.logger.info('file truncated, reading from the start', { path: this.path });
      this.#readOffset = 0;
      this.#pending = undefined;
      return true;
    }
    let ino: number | undefined;
    try {
      ino = statSync(this.path).ino;
    } catch {
      return false; // renamed or deleted, nothing new yet: keep the old file open
    }
    if (ino === this.#ino) return false;
    // Rotated: the old file is read to its end; its unterminated last line goes out as is.
    if (this.#pending) {
      const tail = this.#pending;
      this.#pending = undefined;
      this.#emitLines(tail.toString('utf8'));
    }
    this.#onRotated?.(this.#identity, this.#readOffset);
    closeSync(fd);
    this.#generation++;
    this.#ctx.logger.info('file rotated, reopening', { path: this.path });
    this.#open(0);
    return true;
  }
}

/** A file's identity across renames: inode plus creation time (an inode number alone is reused). */
export function fileIdentity(st: { ino: number; dev: number; birthtimeMs: number }): string {
  return `${st.dev}:${st.ino}:${st.birthtimeMs}`;
}
