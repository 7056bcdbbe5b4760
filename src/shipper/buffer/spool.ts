import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, ftruncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from './crc32.js';

/** One encoded push waiting on disk. */
export interface SpoolRecord {
  readonly tenant: string;
  /** Entries in the batch (for metrics and progress). */
  readonly entries: number;
  /** Bytes of the lines in the batch. */
  readonly lineBytes: number;
  /** The request body exactly as it is sent. */
  readonly body: Buffer;
}

const headerBytes = 8;
const segmentMaxBytes = 16 * 1024 * 1024;

/**
 * A bounded FIFO of push bodies on disk: the delivery buffer used while the
 * store is unreachable. Records are appended to numbered segment files
 *
 *   ┌──────────────┬─────────────┬────────────────────────────────────────┐
 *   │ u32 len (BE) │ u32 crc32   │ payload: u16 metaLen, meta JSON, body  │
 *   └──────────────┴─────────────┴────────────────────────────────────────┘
 *
 * and fsynced before `append` returns, so an appended record survives kill -9.
 * The delivered point is kept in `head` (`<segment> <offset>`); a record
 * delivered just before a crash may be delivered again (at-least-once). A torn
 * record at the tail (crash mid-write) is cut off when the spool opens.
 * Not safe for use by two processes at once.
 */
export class Spool {
  readonly #dir: string;
  readonly #maxBytes: number;
  #segments: number[] = [];
  #headSeg = 0;
  #headOff = 0;
  #tailFd: number | undefined;
  #tailSize = 0;
  #sizeBytes = 0;
  #peeked: { record: SpoolRecord; next: number } | undefined;

  constructor(dir: string, maxBytes: number) {
    this.#dir = dir;
    this.#maxBytes = maxBytes;
    mkdirSync(dir, { recursive: true });
    this.#segments = readdirSync(dir)
      .filter((n) => /^\d{8}\.seg$/.test(n))
      .map((n) => Number(n.slice(0, 8)))
      .sort((a, b) => a - b);
    try {
      const [seg, off] = readFileSync(join(dir, 'head'), 'utf8').trim().split(' ').map(Number);
      if (seg !== undefined && off !== undefined && Number.isFinite(seg) && Number.isFinite(off)) {
        this.#headSeg = seg;
        this.#headOff = off;
      }
    } catch {
      // no head yet: start at the first segment
    }
    for (const seg of this.#segments) if (seg < this.#headSeg) rmSync(this.#segPath(seg), { force: true });
    this.#segments = this.#segments.filter((s) => s >= this.#headSeg);
    if (this.#segments.length === 0 || this.#segments[0] !== this.#headSeg) this.#headOff = 0;
    if (this.#segments.length > 0) this.#headSeg = this.#segments[0] as number;
    const last = this.#segments.at(-1);
    if (last !== undefined) this.#tailSize = this.#repairTail(last);
    for (const seg of this.#segments) this.#sizeBytes += seg === last ? this.#tailSize : statSync(this.#segPath(seg)).size;
    this.#sizeBytes -= this.#headOff;
  }

  /** Bytes waiting (not yet delivered). */
  get sizeBytes(): number {
    return this.#sizeBytes;
  }

  get isEmpty(): boolean {
    return this.#sizeBytes <= 0;
  }

  /** Whether `bodyBytes` more would fit under the bound (an empty spool takes any one record). */
  hasRoom(bodyBytes: number): boolean {
    return this.isEmpty || this.#sizeBytes + bodyBytes + 256 <= this.#maxBytes;
  }

  /** The last write error (disk full, I/O): appends fail until a write succeeds. */
  lastError: Error | undefined;

  /**
   * Appends and fsyncs a record; false (nothing kept) when it does not fit
   * or the disk refused it (then `lastError` says why).
   */
  append(record: SpoolRecord): boolean {
    if (!this.hasRoom(record.body.length)) return false;
    try {
      this.#append(record);
      this.lastError = undefined;
      return true;
    } catch (err) {
      this.lastError = err as Error;
      // Cut what may have been half written, so the tail stays readable.
      if (this.#tailFd !== undefined) {
        try {
          ftruncateSync(this.#tailFd, this.#tailSize);
        } catch {
          // the next open repairs the tail
        }
      }
      return false;
    }
  }

  #append(record: SpoolRecord): void {
    const meta = Buffer.from(JSON.stringify({ t: record.tenant, e: record.entries, b: record.lineBytes }));
    const payloadLen = 2 + meta.length + record.body.length;
    const buf = Buffer.allocUnsafe(headerBytes + payloadLen);
    buf.writeUInt32BE(payloadLen, 0);
    buf.writeUInt16BE(meta.length, headerBytes);
    meta.copy(buf, headerBytes + 2);
    record.body.copy(buf, headerBytes + 2 + meta.length);
    buf.writeUInt32BE(crc32(buf.subarray(headerBytes)), 4);
    if (this.#tailFd === undefined || this.#tailSize >= segmentMaxBytes) this.#openNewTail();
    writeSync(this.#tailFd as number, buf, 0, buf.length, this.#tailSize);
    fsyncSync(this.#tailFd as number);
    this.#tailSize += buf.length;
    this.#sizeBytes += buf.length;
  }

  /** The oldest undelivered record, or undefined when empty. */
  peek(): SpoolRecord | undefined {
    if (this.#peeked) return this.#peeked.record;
    while (this.#segments.length > 0) {
      const seg = this.#headSeg;
      const read = this.#readRecord(seg, this.#headOff);
      if (read) {
        this.#peeked = read;
        return read.record;
      }
      const isTail = seg === this.#segments.at(-1);
      if (isTail) return undefined;
      this.#dropHeadSegment();
    }
    return undefined;
  }

  /** Marks the peeked record delivered (or dropped). */
  advance(): void {
    const peeked = this.#peeked;
    if (!peeked) return;
    this.#peeked = undefined;
    this.#sizeBytes -= peeked.next - this.#headOff;
    this.#headOff = peeked.next;
    const isTail = this.#headSeg === this.#segments.at(-1);
    if (isTail && this.#headOff >= this.#tailSize) {
      // Everything delivered: start over with an empty directory.
      if (this.#tailFd !== undefined) closeSync(this.#tailFd);
      this.#tailFd = undefined;
      for (const seg of this.#segments) rmSync(this.#segPath(seg), { force: true });
      const next = this.#headSeg + 1;
      this.#segments = [];
      this.#headSeg = next;
      this.#headOff = 0;
      this.#tailSize = 0;
      this.#sizeBytes = 0;
    }
    this.#writeHead();
  }

  close(): void {
    if (this.#tailFd !== undefined) closeSync(this.#tailFd);
    this.#tailFd = undefined;
  }

  #segPath(seg: number): string {
    return join(this.#dir, `${String(seg).padStart(8, '0')}.seg`);
  }

  #openNewTail(): void {
    if (this.#tailFd !== undefined) closeSync(this.#tailFd);
    const next = this.#segments.length > 0 ? (this.#segments.at(-1) as number) + 1 : this.#headSeg;
    this.#segments.push(next);
    this.#tailFd = openSync(this.#segPath(next), 'w', 0o600);
    this.#tailSize = 0;
    if (this.#segments.length === 1) {
      this.#headSeg = next;
      this.#headOff = 0;
      this.#writeHead();
    }
  }

  #dropHeadSegment(): void {
    const seg = this.#segments.shift() as number;
    this.#sizeBytes -= statSync(this.#segPath(seg)).size - this.#headOff;
    rmSync(this.#segPath(seg), { force: true });
    this.#headSeg = this.#segments[0] ?? seg + 1;
    this.#headOff = 0;
    this.#writeHead();
  }

  #writeHead(): void {
    const tmp = join(this.#dir, 'head.tmp');
    writeFileSync(tmp, `${this.#headSeg} ${this.#headOff}\n`);
    renameSync(tmp, join(this.#dir, 'head'));
  }

  /** Reads the record at `offset` of `seg`; undefined at the end or at a damaged record. */
  #readRecord(seg: number, offset: number): { record: SpoolRecord; next: number } | undefined {
    const fd = openSync(this.#segPath(seg), 'r');
    try {
      const header = Buffer.alloc(headerBytes);
      if (readSync(fd, header, 0, headerBytes, offset) < headerBytes) return undefined;
      const len = header.readUInt32BE(0);
      const payload = Buffer.allocUnsafe(len);
      if (readSync(fd, payload, 0, len, offset + headerBytes) < len) return undefined;
      if (crc32(payload) !== header.readUInt32BE(4)) return undefined;
      const metaLen = payload.readUInt16BE(0);
      const meta = JSON.parse(payload.subarray(2, 2 + metaLen).toString('utf8')) as { t: string; e: number; b: number };
      return {
        record: { tenant: meta.t, entries: meta.e, lineBytes: meta.b, body: payload.subarray(2 + metaLen) },
        next: offset + headerBytes + len,
      };
    } finally {
      closeSync(fd);
    }
  }

  /** Validates the last segment's records and cuts a torn tail; returns its good length. */
  #repairTail(seg: number): number {
    let offset = seg === this.#headSeg ? this.#headOff : 0;
    for (;;) {
      const read = this.#readRecord(seg, offset);
      if (!read) break;
      offset = read.next;
    }
    const size = statSync(this.#segPath(seg)).size;
    if (size > offset) {
      const fd = openSync(this.#segPath(seg), 'r+');
      ftruncateSync(fd, offset);
      fsyncSync(fd);
      closeSync(fd);
    }
    this.#tailFd = openSync(this.#segPath(seg), 'r+');
    return offset;
  }
}
