import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import { compressSync, uncompressSync } from 'snappy';
import type { Labels } from '../../core/index.js';
import type { LogEntry } from '../../logql/index.js';
import type { ChunkCodecName } from '../store-options.js';

export const codecIds: Readonly<Record<ChunkCodecName, number>> = { none: 0, snappy: 1, deflate: 2 };

export function codecName(id: number): ChunkCodecName | undefined {
  return id === 0 ? 'none' : id === 1 ? 'snappy' : id === 2 ? 'deflate' : undefined;
}

export function compressBlock(codec: ChunkCodecName, raw: Buffer): Buffer {
  if (codec === 'snappy') return compressSync(raw);
  if (codec === 'deflate') return deflateRawSync(raw, { level: 1 });
  return raw;
}

/**
 * Like compressBlock, but deflate runs on libuv's thread pool so the event
 * loop (HTTP, pushes) keeps going while chunks are compressed. `raw` must
 * not be reused until the promise settles.
 */
export function compressBlockAsync(codec: ChunkCodecName, raw: Buffer): Promise<Buffer> {
  if (codec !== 'deflate') return Promise.resolve(compressBlock(codec, Buffer.from(raw)));
  return new Promise((resolve, reject) => deflateRaw(raw, { level: 1 }, (err, out) => (err ? reject(err) : resolve(out))));
}

export function uncompressBlock(codec: ChunkCodecName, data: Buffer): Buffer {
  if (codec === 'snappy') return uncompressSync(data, { asBuffer: true }) as Buffer;
  if (codec === 'deflate') return inflateRawSync(data);
  return data;
}

let scratch = Buffer.allocUnsafe(1 << 20);

/**
 * Serialises entries (sorted by time) into one uncompressed block:
 * u32 count | count × i64 tsNs | count × u32 line bytes | u32 metadata bytes |
 * metadata | line bytes. Layout drawn in ../FORMAT.md ("block").
 * Returns a view of a scratch buffer (valid until the next call) and the
 * block's line bytes.
 */
export function encodeBlock(entries: readonly LogEntry[]): { raw: Buffer; lineBytes: number } {
  const n = entries.length;
  let metaParts: Buffer | undefined;
  let chars = 0;
  for (const e of entries) {
    chars += e.line.length;
    if (e.metadata !== undefined && Object.keys(e.metadata).length > 0) metaParts = Buffer.alloc(0);
  }
  if (metaParts !== undefined) metaParts = encodeMetadata(entries);
  const metaBytes = metaParts?.length ?? 0;
  const lineBase = 4 + n * 12 + 4 + metaBytes;
  // A UTF-16 code unit is at most 3 UTF-8 bytes: no need to measure lines first.
  const capacity = lineBase + chars * 3;
  if (scratch.length < capacity) scratch = Buffer.allocUnsafe(Math.max(capacity, scratch.length * 2));
  const buf = scratch;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  view.setUint32(0, n, true);
  let tsAt = 4;
  let lenAt = 4 + n * 8;
  let lineAt = lineBase;
  for (let i = 0; i < n; i++) {
    const e = entries[i] as LogEntry;
    view.setBigInt64(tsAt, e.tsNs, true);
    tsAt += 8;
    const written = buf.write(e.line, lineAt, 'utf8');
    view.setUint32(lenAt, written, true);
    lenAt += 4;
    lineAt += written;
  }
  view.setUint32(4 + n * 12, metaBytes, true);
  if (metaParts !== undefined) metaParts.copy(buf, 4 + n * 12 + 4);
  return { raw: buf.subarray(0, lineAt), lineBytes: lineAt - lineBase };
}

function encodeMetadata(entries: readonly LogEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const names = e.metadata === undefined ? [] : Object.keys(e.metadata);
    const head = Buffer.allocUnsafe(2);
    head.writeUInt16LE(names.length, 0);
    parts.push(head);
    for (const name of names) {
      const nb = Buffer.from(name);
      const vb = Buffer.from((e.metadata as Labels)[name] as string);
      const len = Buffer.allocUnsafe(6);
      len.writeUInt16LE(nb.length, 0);
      len.writeUInt32LE(vb.length, 2);
      parts.push(len, nb, vb);
    }
  }
  return Buffer.concat(parts);
}

/** Decodes one uncompressed block back into entries (time order). */
export function decodeBlock(buf: Buffer): LogEntry[] {
  const n = buf.readUInt32LE(0);
  const lenBase = 4 + n * 8;
  const metaBytes = buf.readUInt32LE(4 + n * 12);
  const metaBase = 4 + n * 12 + 4;
  const lineBase = metaBase + metaBytes;
  // One decode for the whole block; lines are slices of it when it is ASCII.
  const text = buf.toString('utf8', lineBase);
  const ascii = text.length === buf.length - lineBase;
  const entries: LogEntry[] = new Array(n);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let metaAt = metaBase;
  let byteAt = lineBase;
  let charAt = 0;
  for (let i = 0; i < n; i++) {
    const tsNs = view.getBigInt64(4 + i * 8, true);
    const len = view.getUint32(lenBase + i * 4, true);
    const line = ascii ? text.slice(charAt, charAt + len) : buf.toString('utf8', byteAt, byteAt + len);
    byteAt += len;
    charAt += len;
    if (metaBytes === 0) {
      entries[i] = { tsNs, line };
      continue;
    }
    const count = buf.readUInt16LE(metaAt);
    metaAt += 2;
    if (count === 0) {
      entries[i] = { tsNs, line };
      continue;
    }
    const metadata: Record<string, string> = {};
    for (let k = 0; k < count; k++) {
      const nameLen = buf.readUInt16LE(metaAt);
      const valueLen = buf.readUInt32LE(metaAt + 2);
      metaAt += 6;
      const name = buf.toString('utf8', metaAt, metaAt + nameLen);
      metaAt += nameLen;
      metadata[name] = buf.toString('utf8', metaAt, metaAt + valueLen);
      metaAt += valueLen;
    }
    entries[i] = { tsNs, line, metadata };
  }
  return entries;
}
