/**
 * Encodes Loki push requests: protobuf `logproto.PushRequest` (the wire
 * contract of loki-http-api.md §1.3, written by hand: one size pass, one
 * write pass, no intermediate objects) and the v1 JSON body.
 */
import { int64VarintSize, varintSize, writeInt64, writeString, writeVarint } from './proto-varint.js';

export interface PushEntry {
  readonly tsNs: bigint;
  readonly line: string;
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  /** Buffer.byteLength(line) when the caller already knows it. */
  readonly lineBytes?: number | undefined;
}

export interface PushStream {
  /** `{a="b", c="d"}`, as formatLabels writes it. */
  readonly key: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly entries: readonly PushEntry[];
}

const nsPerSecond = 1_000_000_000n;

/**
 * A time as google.protobuf.Timestamp's seconds and nanos: nanos in
 * [0, 1e9), so a time before 1970 has the seconds below it (Go's time.Unix).
 */
export function splitTimestamp(tsNs: bigint): [seconds: number, nanos: number] {
  const seconds = Number(tsNs / nsPerSecond);
  const nanos = Number(tsNs % nsPerSecond);
  return nanos < 0 ? [seconds - 1, nanos + 1e9] : [seconds, nanos];
}

let scratch = Buffer.allocUnsafe(0);

/**
 * The protobuf bytes of a PushRequest (uncompressed). The bytes live in a
 * reused scratch buffer: they are valid until the next call (compress or
 * copy them first).
 */
export function encodePushRequestProto(streams: readonly PushStream[]): Buffer {
  // Pass 1: sizes. Per entry we keep the line's byte length and the entry size.
  const lineBytes: number[] = [];
  const entrySizes: number[] = [];
  const tsSizes: number[] = [];
  const secondsOf: number[] = [];
  const nanosOf: number[] = [];
  const metaSizes: number[] = [];
  const streamSizes: number[] = [];
  const keyBytes: number[] = [];
  let total = 0;
  for (const s of streams) {
    const kb = Buffer.byteLength(s.key);
    keyBytes.push(kb);
    let size = kb > 0 ? 1 + varintSize(kb) + kb : 0;
    for (const e of s.entries) {
      // Seconds fit a double for any int64 time; negative ones take the 10-byte two's complement path.
      const [seconds, nanos] = splitTimestamp(e.tsNs);
      secondsOf.push(seconds);
      nanosOf.push(nanos);
      const tsSize = (seconds !== 0 ? 1 + (seconds > 0 ? varintSize(seconds) : int64VarintSize(BigInt(seconds))) : 0) + (nanos !== 0 ? 1 + varintSize(nanos) : 0);
      tsSizes.push(tsSize);
      const lb = e.lineBytes ?? Buffer.byteLength(e.line);
      lineBytes.push(lb);
      let entry = 1 + varintSize(tsSize) + tsSize + (lb > 0 ? 1 + varintSize(lb) + lb : 0);
      if (e.metadata) {
        for (const [name, value] of Object.entries(e.metadata)) {
          const nb = Buffer.byteLength(name);
          const vb = Buffer.byteLength(value);
          const pair = (nb > 0 ? 1 + varintSize(nb) + nb : 0) + (vb > 0 ? 1 + varintSize(vb) + vb : 0);
          metaSizes.push(pair);
          entry += 1 + varintSize(pair) + pair;
        }
      }
      entrySizes.push(entry);
      size += 1 + varintSize(entry) + entry;
    }
    streamSizes.push(size);
    total += 1 + varintSize(size) + size;
  }
  // Pass 2: write.
  if (scratch.length < total) scratch = Buffer.allocUnsafe(Math.max(total, scratch.length * 2, 64 * 1024));
  const buf = scratch;
  let pos = 0;
  let ei = 0;
  let mi = 0;
  for (let si = 0; si < streams.length; si++) {
    const s = streams[si] as PushStream;
    buf[pos++] = 0x0a;
    pos = writeVarint(buf, pos, streamSizes[si] as number);
    pos = writeString(buf, pos, 0x0a, s.key, keyBytes[si] as number);
    for (const e of s.entries) {
      buf[pos++] = 0x12;
      pos = writeVarint(buf, pos, entrySizes[ei] as number);
      buf[pos++] = 0x0a;
      pos = writeVarint(buf, pos, tsSizes[ei] as number);
      const seconds = secondsOf[ei] as number;
      const nanos = nanosOf[ei] as number;
      if (seconds !== 0) {
        buf[pos++] = 0x08;
        if (seconds > 0) pos = writeVarint(buf, pos, seconds);
        else pos = writeInt64(buf, pos, BigInt(seconds));
      }
      if (nanos !== 0) {
        buf[pos++] = 0x10;
        pos = writeVarint(buf, pos, nanos);
      }
      pos = writeString(buf, pos, 0x12, e.line, lineBytes[ei] as number);
      if (e.metadata) {
        for (const [name, value] of Object.entries(e.metadata)) {
          buf[pos++] = 0x1a;
          pos = writeVarint(buf, pos, metaSizes[mi++] as number);
          pos = writeString(buf, pos, 0x0a, name, Buffer.byteLength(name));
          pos = writeString(buf, pos, 0x12, value, Buffer.byteLength(value));
        }
      }
      ei++;
    }
  }
  return buf.subarray(0, total);
}

/** The v1 JSON push body: `{"streams":[{"stream":{…},"values":[["ts","line"]…]}]}`. */
export function encodePushRequestJson(streams: readonly PushStream[]): Buffer {
  const parts: string[] = [];
  for (const s of streams) {
    const values = s.entries.map((e) =>
      e.metadata && Object.keys(e.metadata).length > 0
        ? `["${e.tsNs}",${JSON.stringify(e.line)},${JSON.stringify(e.metadata)}]`
        : `["${e.tsNs}",${JSON.stringify(e.line)}]`,
    );
    parts.push(`{"stream":${JSON.stringify(s.labels)},"values":[${values.join(',')}]}`);
  }
  return Buffer.from(`{"streams":[${parts.join(',')}]}`);
}
