import { uncompressSync } from 'snappy';
import { WatchpostError, type Labels } from '../../core/index.js';
import type { LogEntry } from '../../logql/index.js';
import type { PushStream } from '../../store/index.js';
import { parseLabelString } from './parse-label-string.js';
import { bodyTooLarge } from '../http/body.js';

/**
 * Decodes a snappy-block-compressed protobuf push (Loki's `logproto.PushRequest`)
 * by hand — a direct walk over the wire format, no generated classes:
 *
 *   PushRequest   { repeated StreamAdapter streams = 1; string format = 2; }
 *   StreamAdapter { string labels = 1; repeated EntryAdapter entries = 2; uint64 hash = 3; }
 *   EntryAdapter  { Timestamp timestamp = 1; string line = 2;
 *                   repeated LabelPairAdapter structuredMetadata = 3; repeated LabelPairAdapter parsed = 4; }
 *   Timestamp     { int64 seconds = 1; int32 nanos = 2; }
 *   LabelPairAdapter { string name = 1; string value = 2; }
 *
 * Unknown fields are skipped by wire type. The snappy header's declared
 * length is checked against `maxBytes` before anything is inflated.
 */
export function decodeProtobufPush(body: Buffer, maxBytes: number): PushStream[] {
  const declared = readSnappyLength(body);
  if (declared > maxBytes) throw bodyTooLarge(maxBytes);
  let raw: Buffer;
  try {
    raw = uncompressSync(body, { asBuffer: true }) as Buffer;
  } catch (err) {
    throw new WatchpostError('ERR_API_BAD_REQUEST', 'snappy: corrupt input', { cause: err });
  }
  return decodePushRequest(raw);
}

function readSnappyLength(body: Buffer): number {
  let result = 0;
  let shift = 0;
  for (let i = 0; i < body.length && i < 5; i++) {
    const b = body[i] as number;
    result += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return result;
    shift += 7;
  }
  throw new WatchpostError('ERR_API_BAD_REQUEST', 'snappy: corrupt input');
}

function malformed(what: string): WatchpostError {
  return new WatchpostError('ERR_API_BAD_REQUEST', `proto: ${what}`);
}

/** A cursor over a protobuf message. */
class Reader {
  readonly buf: Buffer;
  pos: number;
  readonly end: number;

  constructor(buf: Buffer, pos: number, end: number) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /** A varint as a JS number (exact below 2^53; callers needing int64 use varint64). */
  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw malformed('unexpected EOF');
      const b = this.buf[this.pos++] as number;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw malformed('integer overflow');
  }

  /** A varint read as two's-complement int64. */
  varint64(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw malformed('unexpected EOF');
      const b = this.buf[this.pos++] as number;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asIntN(64, result);
      shift += 7n;
    }
    throw malformed('integer overflow');
  }

  /** Length-delimited field: returns [start, end). */
  bytes(): [number, number] {
    const len = this.varint();
    const start = this.pos;
    const end = start + len;
    if (end > this.end) throw malformed('unexpected EOF');
    this.pos = end;
    return [start, end];
  }

  string(): string {
    const [start, end] = this.bytes();
    return this.buf.toString('utf8', start, end);
  }

  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.bytes();
        return;
      case 5:
        this.pos += 4;
        break;
      default:
        throw malformed(`cannot parse invalid wire-format data (wire type ${wireType})`);
    }
    if (this.pos > this.end) throw malformed('unexpected EOF');
  }
}

/** Decodes an uncompressed PushRequest. */
export function decodePushRequest(raw: Buffer): PushStream[] {
  const r = new Reader(raw, 0, raw.length);
  const streams: PushStream[] = [];
  while (r.pos < r.end) {
    const key = r.varint();
    if (key === 0x0a) {
      const [start, end] = r.bytes();
      streams.push(decodeStream(new Reader(raw, start, end)));
    } else r.skip(key & 7);
  }
  return streams;
}

function decodeStream(r: Reader): PushStream {
  let labelText = '';
  const entries: LogEntry[] = [];
  while (r.pos < r.end) {
    const key = r.varint();
    if (key === 0x0a) labelText = r.string();
    else if (key === 0x12) {
      const [start, end] = r.bytes();
      entries.push(decodeEntry(new Reader(r.buf, start, end)));
    } else r.skip(key & 7);
  }
  return { labels: parseLabelString(labelText), entries };
}

function decodeEntry(r: Reader): LogEntry {
  let tsNs = 0n;
  let line = '';
  let metadata: Record<string, string> | undefined;
  while (r.pos < r.end) {
    const key = r.varint();
    if (key === 0x0a) {
      const [start, end] = r.bytes();
      tsNs = decodeTimestamp(new Reader(r.buf, start, end));
    } else if (key === 0x12) line = r.string();
    else if (key === 0x1a) {
      const [start, end] = r.bytes();
      const [name, value] = decodeLabelPair(new Reader(r.buf, start, end));
      // defineProperty: a name such as `__proto__` must become a field, not a prototype.
      Object.defineProperty((metadata ??= {}), name, { value, enumerable: true, writable: true, configurable: true });
    } else r.skip(key & 7);
  }
  return metadata === undefined ? { tsNs, line } : { tsNs, line, metadata: metadata as Labels };
}

function decodeTimestamp(r: Reader): bigint {
  let seconds = 0n;
  let nanos = 0;
  while (r.pos < r.end) {
    const key = r.varint();
    if (key === 0x08) seconds = r.varint64();
    else if (key === 0x10) nanos = Number(BigInt.asIntN(32, r.varint64()));
    else r.skip(key & 7);
  }
  return seconds * 1_000_000_000n + BigInt(nanos);
}

function decodeLabelPair(r: Reader): [string, string] {
  let name = '';
  let value = '';
  while (r.pos < r.end) {
    const key = r.varint();
    if (key === 0x0a) name = r.string();
    else if (key === 0x12) value = r.string();
    else r.skip(key & 7);
  }
  return [name, value];
}
