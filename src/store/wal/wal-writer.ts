import { open, rename, type FileHandle } from 'node:fs/promises';
import { WatchpostError } from '../../core/index.js';
import { removeSegment, segmentMagic, segmentPath, syncDir, type SegmentInfo } from './wal-segments.js';

export interface WalWriterOptions {
  readonly dir: string;
  /** Index of the first segment this writer creates (one past every existing one). */
  readonly firstIndex: number;
  /** Closed segments found at start-up (replayed, kept until truncated). */
  readonly existing: readonly SegmentInfo[];
  readonly segmentBytes: number;
  readonly fsync: boolean;
  /**
   * Zero-fill each segment to `segmentBytes` before use (the next one is
   * prepared in the background). Overwriting allocated blocks makes
   * fdatasync flush only data, not the file size: ~5x faster on ext4.
   */
  readonly preallocate?: boolean | undefined;
  /**
   * Called synchronously when a write fails, before the affected appends
   * reject: everything not yet durable is about to be refused.
   */
  readonly onWriteFailure?: ((err: unknown) => void) | undefined;
}

/**
 * The write-ahead log writer. Appends are group-committed: every record
 * queued while a write+fsync is in flight goes out in the next single
 * `writev` + `fdatasync`, and each `append` resolves only after the fsync
 * that covers its record. On a failed write the segment is cut back to its
 * last durable byte and every pending append rejects with ERR_STORE_WRITE,
 * so nothing unwritten is ever acknowledged. Records reach the file in
 * `append` call order.
 */
export interface WalWriter {
  append(record: Buffer, seq: number): Promise<void>;
  /** Deletes closed segments whose records all have seq < `seq`. */
  truncateBefore(seq: number): Promise<void>;
  /** Closes the current segment (when it holds records and no write is in flight) so truncation can drop it. */
  rotate(): Promise<void>;
  /** Bytes held by every segment, the current one included. */
  totalBytes(): number;
  /** The oldest segment's last seq, or undefined when only the current segment holds data. */
  oldestClosedLastSeq(): number | undefined;
  close(): Promise<void>;
}

interface Pending {
  readonly buf: Buffer;
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

export function createWalWriter(options: WalWriterOptions): WalWriter {
  const closed: SegmentInfo[] = [...options.existing];
  let nextIndex = options.firstIndex;
  let current: { info: SegmentInfo; handle: FileHandle } | undefined;
  let queue: Pending[] = [];
  let writing = false;
  let closing = false;
  let idle: Promise<void> = Promise.resolve();
  let idleResolve: (() => void) | undefined;

  const preallocate = options.preallocate ?? true;
  let spare: Promise<{ info: SegmentInfo; handle: FileHandle }> | undefined;

  async function createSegment(index: number): Promise<{ info: SegmentInfo; handle: FileHandle }> {
    const path = segmentPath(options.dir, index);
    const handle = await open(path, 'w');
    try {
      await handle.write(segmentMagic, 0, segmentMagic.length, 0);
      if (preallocate) {
        const zeros = Buffer.alloc(Math.min(1 << 20, options.segmentBytes));
        for (let at = segmentMagic.length; at < options.segmentBytes; at += zeros.length) {
          await handle.write(zeros, 0, Math.min(zeros.length, options.segmentBytes - at), at);
        }
      }
      if (options.fsync) {
        await handle.datasync();
        await syncDir(options.dir);
      }
    } catch (err) {
      await handle.close().catch(() => undefined);
      await removeSegment({ index, path, bytes: 0, lastSeq: -1 }).catch(() => undefined);
      throw err;
    }
    return { info: { index, path, bytes: segmentMagic.length, lastSeq: -1 }, handle };
  }

  /** Truncated segments kept to be reused: their blocks are allocated, so no zero-fill is needed. */
  const recyclable: string[] = [];

  async function recycleSegment(oldPath: string, index: number): Promise<{ info: SegmentInfo; handle: FileHandle }> {
    const path = segmentPath(options.dir, index);
    await rename(oldPath, path);
    // The new name must be durable before records are written under it, or a
    // crash could replay new records under the old, lower index.
    await syncDir(options.dir);
    const handle = await open(path, 'r+');
    try {
      // A zero record length right after the header: until new records are
      // written, the segment reads as empty rather than as its old records.
      await handle.write(Buffer.alloc(8), 0, 8, segmentMagic.length);
      if (options.fsync) await handle.datasync();
    } catch (err) {
      await handle.close().catch(() => undefined);
      throw err;
    }
    return { info: { index, path, bytes: segmentMagic.length, lastSeq: -1 }, handle };
  }

  function prepareSpare(): void {
    if (!preallocate || spare !== undefined || closing) return;
    const old = recyclable.pop();
    const index = nextIndex++;
    const pending = old === undefined ? createSegment(index) : recycleSegment(old, index).catch(() => createSegment(index));
    pending.catch(() => undefined);
    spare = pending;
  }

  async function openSegment(): Promise<{ info: SegmentInfo; handle: FileHandle }> {
    let seg: { info: SegmentInfo; handle: FileHandle } | undefined;
    if (spare !== undefined) {
      const pending = spare;
      spare = undefined;
      seg = await pending.catch(() => undefined);
    }
    seg ??= await createSegment(nextIndex++);
    prepareSpare();
    return seg;
  }

  async function closeCurrent(): Promise<void> {
    const seg = current;
    if (seg === undefined) return;
    current = undefined;
    closed.push(seg.info);
    await seg.handle.close().catch(() => undefined);
  }

  async function writeAll(handle: FileHandle, bufs: Buffer[], position: number): Promise<number> {
    let total = 0;
    for (const b of bufs) total += b.length;
    let written = 0;
    let pending = bufs;
    while (written < total) {
      const { bytesWritten } = await handle.writev(pending, position + written);
      if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
      written += bytesWritten;
      if (written < total) pending = dropBytes(pending, bytesWritten);
    }
    return total;
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    if (current === undefined) current = await openSegment();
    const seg = current;
    const start = seg.info.bytes;
    try {
      const n = await writeAll(seg.handle, batch.map((p) => p.buf), start);
      if (options.fsync) await seg.handle.datasync();
      seg.info.bytes = start + n;
      seg.info.lastSeq = (batch[batch.length - 1] as Pending).seq;
    } catch (err) {
      // Cut the torn bytes off so later records follow the last durable one;
      // if even that fails, abandon the segment (replay stops at the tear).
      try {
        await seg.handle.truncate(start);
        if (options.fsync) await seg.handle.datasync();
      } catch {
        await closeCurrent();
      }
      throw err;
    }
    if (seg.info.bytes >= options.segmentBytes) await closeCurrent();
  }

  async function drain(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await writeBatch(batch);
        for (const p of batch) p.resolve();
      } catch (cause) {
        const failed = batch.concat(queue);
        queue = [];
        options.onWriteFailure?.(cause);
        const code = (cause as NodeJS.ErrnoException).code ?? 'EIO';
        const err = new WatchpostError('ERR_STORE_WRITE', `failed to write to the write-ahead log: ${code}: ${(cause as Error).message}`, { cause });
        for (const p of failed) p.reject(err);
      }
    }
    writing = false;
    idleResolve?.();
    idleResolve = undefined;
  }

  return {
    append(buf, seq) {
      if (closing) return Promise.reject(new WatchpostError('ERR_STORE_UNAVAILABLE', 'the store is shutting down'));
      return new Promise<void>((resolve, reject) => {
        queue.push({ buf, seq, resolve, reject });
        if (!writing) {
          writing = true;
          idle = new Promise((r) => (idleResolve = r));
          queueMicrotask(() => void drain());
        }
      });
    },
    async truncateBefore(seq) {
      while (closed.length > 0 && (closed[0] as SegmentInfo).lastSeq < seq) {
        const seg = closed.shift() as SegmentInfo;
        if (preallocate && !closing && recyclable.length < 2 && seg.bytes >= options.segmentBytes / 2) recyclable.push(seg.path);
        else await removeSegment(seg);
      }
    },
    async rotate() {
      if (writing || current === undefined || current.info.lastSeq < 0) return;
      await closeCurrent();
    },
    totalBytes() {
      let n = current?.info.bytes ?? 0;
      for (const s of closed) n += s.bytes;
      return n;
    },
    oldestClosedLastSeq() {
      return closed[0]?.lastSeq;
    },
    async close() {
      closing = true;
      if (writing) await idle;
      await closeCurrent();
      for (const path of recyclable.splice(0)) await removeSegment({ index: 0, path, bytes: 0, lastSeq: -1 });
      if (spare !== undefined) {
        const unused = await spare.catch(() => undefined);
        spare = undefined;
        if (unused !== undefined) {
          await unused.handle.close().catch(() => undefined);
          await removeSegment(unused.info);
        }
      }
    },
  };
}

function dropBytes(bufs: Buffer[], n: number): Buffer[] {
  const out: Buffer[] = [];
  let skip = n;
  for (const b of bufs) {
    if (skip >= b.length) {
      skip -= b.length;
      continue;
    }
    out.push(skip > 0 ? b.subarray(skip) : b);
    skip = 0;
  }
  return out;
}
