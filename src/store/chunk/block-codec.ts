import { deflateRawSync, inflateRawSync } from 'node:zlib';
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

export function uncompressBlock(codec: ChunkCodecName, data: Buffer): Buffer {
  if (codec === 'snappy') return uncompressSync(data, { asBuffer: true }) as Buffer;
  if (codec === 'deflate') return inflateRawSync(data);
  return data;
}

/**
 * Serialises entries (sorted by time) into one uncompressed block:
 * u32 count | count × i64 tsNs | count × u32 line bytes | u32 metadata bytes |
 * metadata | line bytes. Layout drawn in ../FORMAT.md ("block").
 */
export function encodeBlock(entries: readonly LogEntry[], lineBytes: number): Buffer {
  const n = entries.length;
  let metaBytes = 0;
  let hasMeta = false;
  for (const e of entries) if (e.metadata !== undefined && Object.keys(e.metadata).length > 0) hasMeta = true;
  let metaParts: Buffer | undefined;
  if (hasMeta) {
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
    metaParts = Buffer.concat(parts);
    metaBytes = metaParts.length;
  }
  const buf = Buffer.allocUnsafe(4 + n * 12 + 4 + metaBytes + lineBytes);
  buf.writeUInt32LE(n, 0);
  let tsAt = 4;
  let lenAt = 4 + n * 8;
  let lineAt = 4 + n * 12 + 4 + metaBytes;
  for (let i = 0; i < n; i++) {
    const e = entries[i] as LogEntry;
    buf.writeBigInt64LE(e.tsNs, tsAt);
    tsAt += 8;
    const written = buf.write(e.line, lineAt, 'utf8');
    buf.writeUInt32LE(written, lenAt);
    lenAt += 4;
    lineAt += written;
  }
  buf.writeUInt32LE(metaBytes, 4 + n * 12);
  if (metaParts !== undefined) metaParts.copy(buf, 4 + n * 12 + 4);
  return buf.subarray(0, lineAt);
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
  let metaAt = metaBase;
  let byteAt = lineBase;
  let charAt = 0;
  for (let i = 0; i < n; i++) {
    const tsNs = buf.readBigInt64LE(4 + i * 8);
    const len = buf.readUInt32LE(lenBase + i * 4);
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
