import { crc32 } from 'node:zlib';
import type { Labels } from '../../core/index.js';
import type { LogEntry } from '../../logql/index.js';
import { FieldReader, measureStringMap, writeLongString, writeShortString, writeStringMap } from '../binary/length-prefixed.js';

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
    size += measureStringMap(stream.labels) + 4;
    const known = stream.lineBytes;
    for (let i = 0; i < stream.entries.length; i++) {
      const entry = stream.entries[i] as LogEntry;
      size += 8 + 4 + (known === undefined ? Buffer.byteLength(entry.line) : (known[i] as number));
      size += entry.metadata === undefined ? 2 : measureStringMap(entry.metadata);
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
    at = writeStringMap(buf, at, stream.labels);
    buf.writeUInt32LE(stream.entries.length, at);
    at += 4;
    for (const entry of stream.entries) {
      view.setBigInt64(at, entry.tsNs, true);
      at += 8;
      at = writeLongString(buf, at, entry.line);
      if (entry.metadata === undefined) {
        buf.writeUInt16LE(0, at);
        at += 2;
      } else at = writeStringMap(buf, at, entry.metadata);
    }
  }
  const payloadBytes = at - recordHeaderBytes;
  buf.writeUInt32LE(payloadBytes, 0);
  buf.writeUInt32LE(crc32(buf.subarray(recordHeaderBytes, at)), 4);
  return buf;
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
    if (p[0] !== kindEntries) return undefined;
    const seq = Number(p.readBigUInt64LE(1));
    const r = new FieldReader(p, 9);
    const tenant = r.readShortString();
    const streamCount = r.readU32();
    const streams: WalStream[] = [];
    for (let i = 0; i < streamCount; i++) {
      const labels = r.readStringMap();
      const entryCount = r.readU32();
      const entries: LogEntry[] = [];
      for (let j = 0; j < entryCount; j++) {
        const tsNs = view.getBigInt64(r.at, true);
        r.at += 8;
        const line = r.readLongString();
        if (p.readUInt16LE(r.at) === 0) {
          r.at += 2;
          entries.push({ tsNs, line });
        } else entries.push({ tsNs, line, metadata: r.readStringMap() });
      }
      streams.push({ labels, entries });
    }
    if (r.at !== p.length) return undefined;
    return { seq, tenant, streams };
  } catch {
    return undefined;
  }
}
