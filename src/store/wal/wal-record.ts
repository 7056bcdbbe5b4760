import { crc32 } from 'node:zlib';
import type { Labels } from '../../core/index.js';
import type { LogEntry } from '../../logql/index.js';

/**
 * One WAL record: the entries of one accepted push, for one tenant, already
 * validated. Byte layout in ../FORMAT.md ("WAL record").
 */
export interface WalRecord {
  readonly seq: number;
  readonly tenant: string;
  readonly streams: readonly WalStream[];
}

export interface WalStream {
  readonly labels: Labels;
  readonly entries: readonly LogEntry[];
  /** UTF-8 byte length of each entry's line, when the caller measured it already. */
  readonly lineBytes?: readonly number[] | undefined;
}

/** Record framing: u32 payload length, u32 CRC-32 of the payload. */
export const recordHeaderBytes = 8;
const kindEntries = 1;

/**
 * Encodes `record` into one framed buffer. `lineBytes[i][j]` may carry the
 * UTF-8 length of stream i's entry j when the caller already measured it.
 */
export function encodeWalRecord(record: WalRecord): Buffer {
  let size = 1 + 8 + 2 + Buffer.byteLength(record.tenant) + 4;
  for (const stream of record.streams) {
    size += 2 + 4;
    for (const name in stream.labels) size += 2 + Buffer.byteLength(name) + 4 + Buffer.byteLength(stream.labels[name] as string);
    const known = stream.lineBytes;
    for (let i = 0; i < stream.entries.length; i++) {
      const entry = stream.entries[i] as LogEntry;
      size += 8 + 4 + (known === undefined ? Buffer.byteLength(entry.line) : (known[i] as number)) + 2;
      const metadata = entry.metadata;
      if (metadata !== undefined) {
        for (const name in metadata) size += 2 + Buffer.byteLength(name) + 4 + Buffer.byteLength(metadata[name] as string);
      }
    }
  }
  const buf = Buffer.allocUnsafe(recordHeaderBytes + size);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let at = recordHeaderBytes;
  buf[at++] = kindEntries;
  view.setBigUint64(at, BigInt(record.seq), true);
  at += 8;
  at = writeShortString(buf, at, record.tenant);
  buf.writeUInt32LE(record.streams.length, at);
  at += 4;
  for (const stream of record.streams) {
    const names = Object.keys(stream.labels);
    buf.writeUInt16LE(names.length, at);
    at += 2;
    for (const name of names) {
      at = writeShortString(buf, at, name);
      at = writeLongString(buf, at, stream.labels[name] as string);
    }
    buf.writeUInt32LE(stream.entries.length, at);
    at += 4;
    for (const entry of stream.entries) {
      view.setBigInt64(at, entry.tsNs, true);
      at += 8;
      at = writeLongString(buf, at, entry.line);
      const metadata = entry.metadata;
      const metaNames = metadata === undefined ? [] : Object.keys(metadata);
      buf.writeUInt16LE(metaNames.length, at);
      at += 2;
      for (const name of metaNames) {
        at = writeShortString(buf, at, name);
        at = writeLongString(buf, at, (metadata as Labels)[name] as string);
      }
    }
  }
  const payloadBytes = at - recordHeaderBytes;
  buf.writeUInt32LE(payloadBytes, 0);
  buf.writeUInt32LE(crc32(buf.subarray(recordHeaderBytes, at)), 4);
  return buf;
}

function writeShortString(buf: Buffer, at: number, value: string): number {
  const n = buf.write(value, at + 2, 'utf8');
  buf.writeUInt16LE(n, at);
  return at + 2 + n;
}

function writeLongString(buf: Buffer, at: number, value: string): number {
  const n = buf.write(value, at + 4, 'utf8');
  buf.writeUInt32LE(n, at);
  return at + 4 + n;
}

export interface DecodedRecords {
  readonly records: WalRecord[];
  /** Byte offset of each record in `records`. */
  readonly offsets: number[];
  /** Offset just past the last intact record. */
  readonly validBytes: number;
  /** True when bytes after `validBytes` were not an intact record (torn tail or damage). */
  readonly torn: boolean;
}

/** Decodes framed records from `buf[start..]`, stopping at the first damaged one. */
export function decodeWalRecords(buf: Buffer, start: number): DecodedRecords {
  const records: WalRecord[] = [];
  const offsets: number[] = [];
  let at = start;
  while (at < buf.length) {
    if (buf.length - at < recordHeaderBytes) return { records, offsets, validBytes: at, torn: true };
    const payloadBytes = buf.readUInt32LE(at);
    const end = at + recordHeaderBytes + payloadBytes;
    if (payloadBytes === 0 || end > buf.length) return { records, offsets, validBytes: at, torn: true };
    const payload = buf.subarray(at + recordHeaderBytes, end);
    if (crc32(payload) !== buf.readUInt32LE(at + 4)) return { records, offsets, validBytes: at, torn: true };
    const record = decodePayload(payload);
    if (record === undefined) return { records, offsets, validBytes: at, torn: true };
    records.push(record);
    offsets.push(at);
    at = end;
  }
  return { records, offsets, validBytes: at, torn: false };
}

function decodePayload(p: Buffer): WalRecord | undefined {
  try {
    const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
    let at = 0;
    if (p[at++] !== kindEntries) return undefined;
    const seq = Number(p.readBigUInt64LE(at));
    at += 8;
    const readShort = (): string => {
      const n = p.readUInt16LE(at);
      const s = p.toString('utf8', at + 2, at + 2 + n);
      at += 2 + n;
      return s;
    };
    const readLong = (): string => {
      const n = p.readUInt32LE(at);
      if (at + 4 + n > p.length) throw new RangeError('string past the record');
      const s = p.toString('utf8', at + 4, at + 4 + n);
      at += 4 + n;
      return s;
    };
    const tenant = readShort();
    const streamCount = p.readUInt32LE(at);
    at += 4;
    const streams: WalStream[] = [];
    for (let i = 0; i < streamCount; i++) {
      const labelCount = p.readUInt16LE(at);
      at += 2;
      const labels: Record<string, string> = {};
      for (let j = 0; j < labelCount; j++) {
        const name = readShort();
        labels[name] = readLong();
      }
      const entryCount = p.readUInt32LE(at);
      at += 4;
      const entries: LogEntry[] = [];
      for (let j = 0; j < entryCount; j++) {
        const tsNs = view.getBigInt64(at, true);
        at += 8;
        const line = readLong();
        const metaCount = p.readUInt16LE(at);
        at += 2;
        if (metaCount === 0) {
          entries.push({ tsNs, line });
          continue;
        }
        const metadata: Record<string, string> = {};
        for (let k = 0; k < metaCount; k++) {
          const name = readShort();
          metadata[name] = readLong();
        }
        entries.push({ tsNs, line, metadata });
      }
      streams.push({ labels, entries });
    }
    if (at !== p.length) return undefined;
    return { seq, tenant, streams };
  } catch {
    return undefined;
  }
}
