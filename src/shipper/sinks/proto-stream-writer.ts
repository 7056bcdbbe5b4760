/**
 * Incremental protobuf encoding of a Loki push: each entry is written as
 * `StreamAdapter.entries` bytes (field 2, an EntryAdapter) into its stream's
 * buffer as it arrives, so a batch keeps bytes, not entry objects and line
 * strings, on the V8 heap; sealing only adds the stream headers. The bytes
 * are those encodePushRequestProto writes for the same entries.
 */
import { varintSize, writeInt64, writeString, writeVarint } from './proto-varint.js';

const nsPerSecond = 1_000_000_000n;
const pool: Buffer[] = [];
const poolMax = 16;
const initialBytes = 64 * 1024;

function takeBuffer(minBytes: number): Buffer {
  for (let i = pool.length - 1; i >= 0; i--) {
    const b = pool[i] as Buffer;
    if (b.length >= minBytes) {
      pool.splice(i, 1);
      return b;
    }
  }
  return Buffer.allocUnsafe(Math.max(minBytes, initialBytes));
}

function releaseBuffer(b: Buffer): void {
  if (pool.length < poolMax) pool.push(b);
}

/** One stream's entries as protobuf bytes. */
export class ProtoStreamWriter {
  readonly key: string;
  readonly keyBytes: number;
  #buf: Buffer;
  #len = 0;
  /** The last entry time split into seconds and nanos (entries of a stream often share one). */
  #lastTsNs: bigint | undefined;
  #lastSeconds = 0;
  #lastNanos = 0;

  constructor(key: string) {
    this.key = key;
    this.keyBytes = Buffer.byteLength(key);
    this.#buf = takeBuffer(initialBytes);
  }

  get length(): number {
    return this.#len;
  }

  /** Appends one EntryAdapter (as field 2 of StreamAdapter). */
  append(tsNs: bigint, line: string, lineBytes: number, metadata?: Readonly<Record<string, string>>): void {
    if (tsNs !== this.#lastTsNs) {
      // As splitTimestamp (push-encode.ts), without the array.
      this.#lastTsNs = tsNs;
      const seconds = Number(tsNs / nsPerSecond);
      const nanos = Number(tsNs % nsPerSecond);
      this.#lastSeconds = nanos < 0 ? seconds - 1 : seconds;
      this.#lastNanos = nanos < 0 ? nanos + 1e9 : nanos;
    }
    const seconds = this.#lastSeconds;
    const nanos = this.#lastNanos;
    const tsSize = (seconds !== 0 ? 1 + (seconds > 0 ? varintSize(seconds) : 10) : 0) + (nanos !== 0 ? 1 + varintSize(nanos) : 0);
    let entrySize = 1 + varintSize(tsSize) + tsSize + (lineBytes > 0 ? 1 + varintSize(lineBytes) + lineBytes : 0);
    let pairs: Array<[string, number, string, number, number]> | undefined;
    if (metadata) {
      pairs = [];
      for (const name in metadata) {
        const value = metadata[name] as string;
        const nb = Buffer.byteLength(name);
        const vb = Buffer.byteLength(value);
        const pair = (nb > 0 ? 1 + varintSize(nb) + nb : 0) + (vb > 0 ? 1 + varintSize(vb) + vb : 0);
        pairs.push([name, nb, value, vb, pair]);
        entrySize += 1 + varintSize(pair) + pair;
      }
    }
    const need = 1 + varintSize(entrySize) + entrySize;
    if (this.#len + need > this.#buf.length) {
      const bigger = takeBuffer(Math.max(this.#len + need, this.#buf.length * 2));
      this.#buf.copy(bigger, 0, 0, this.#len);
      releaseBuffer(this.#buf);
      this.#buf = bigger;
    }
    const buf = this.#buf;
    let pos = this.#len;
    buf[pos++] = 0x12;
    pos = writeVarint(buf, pos, entrySize);
    buf[pos++] = 0x0a;
    pos = writeVarint(buf, pos, tsSize);
    if (seconds !== 0) {
      buf[pos++] = 0x08;
      pos = seconds > 0 ? writeVarint(buf, pos, seconds) : writeInt64(buf, pos, BigInt(seconds));
    }
    if (nanos !== 0) {
      buf[pos++] = 0x10;
      pos = writeVarint(buf, pos, nanos);
    }
    pos = writeString(buf, pos, 0x12, line, lineBytes);
    if (pairs) {
      for (const [name, nb, value, vb, pair] of pairs) {
        buf[pos++] = 0x1a;
        pos = writeVarint(buf, pos, pair);
        pos = writeString(buf, pos, 0x0a, name, nb);
        pos = writeString(buf, pos, 0x12, value, vb);
      }
    }
    this.#len = pos;
  }

  /** Copies the StreamAdapter (labels, then the entries) to `buf` at `pos`; returns the end. */
  writeTo(buf: Buffer, pos: number): number {
    pos = writeString(buf, pos, 0x0a, this.key, this.keyBytes);
    this.#buf.copy(buf, pos, 0, this.#len);
    return pos + this.#len;
  }

  /** The StreamAdapter's size without its own tag and length. */
  get size(): number {
    return (this.keyBytes > 0 ? 1 + varintSize(this.keyBytes) + this.keyBytes : 0) + this.#len;
  }

  /** Gives the buffer back for reuse; the writer is unusable after. */
  release(): void {
    releaseBuffer(this.#buf);
    this.#buf = Buffer.alloc(0);
    this.#len = 0;
  }
}

let scratch = Buffer.allocUnsafe(0);

/** The PushRequest of the writers' streams; valid until the next call (compress or copy it first). */
export function assemblePushRequest(writers: readonly ProtoStreamWriter[]): Buffer {
  let total = 0;
  for (const w of writers) total += 1 + varintSize(w.size) + w.size;
  if (scratch.length < total) scratch = Buffer.allocUnsafe(Math.max(total, scratch.length * 2, 64 * 1024));
  let pos = 0;
  for (const w of writers) {
    scratch[pos++] = 0x0a;
    pos = writeVarint(scratch, pos, w.size);
    pos = w.writeTo(scratch, pos);
  }
  return scratch.subarray(0, total);
}
