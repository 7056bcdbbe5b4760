/**
 * Encodes a Loki `PushRequest` protobuf (uncompressed; snappy-compress it to
 * send). Used by tests and benchmarks to speak as promtail does; the field
 * layout is documented in decode-protobuf.ts.
 */
export interface EncodeStream {
  readonly labels: string;
  readonly entries: readonly { readonly tsNs: bigint; readonly line: string; readonly metadata?: Readonly<Record<string, string>> }[];
}

export function encodePushRequest(streams: readonly EncodeStream[]): Buffer {
  const parts: Buffer[] = [];
  for (const s of streams) {
    const body: Buffer[] = [field(1, Buffer.from(s.labels))];
    for (const e of s.entries) body.push(field(2, encodeEntry(e)));
    parts.push(field(1, Buffer.concat(body)));
  }
  return Buffer.concat(parts);
}

function encodeEntry(e: EncodeStream['entries'][number]): Buffer {
  const seconds = e.tsNs >= 0n ? e.tsNs / 1_000_000_000n : -((-e.tsNs + 999_999_999n) / 1_000_000_000n);
  const nanos = Number(e.tsNs - seconds * 1_000_000_000n);
  const ts = Buffer.concat([Buffer.from([0x08]), varint(BigInt.asUintN(64, seconds)), ...(nanos ? [Buffer.from([0x10]), varint(BigInt(nanos))] : [])]);
  const out = [field(1, ts), field(2, Buffer.from(e.line))];
  for (const [name, value] of Object.entries(e.metadata ?? {})) out.push(field(3, Buffer.concat([field(1, Buffer.from(name)), field(2, Buffer.from(value))])));
  return Buffer.concat(out);
}

function field(num: number, payload: Buffer): Buffer {
  return Buffer.concat([varint(BigInt((num << 3) | 2)), varint(BigInt(payload.length)), payload]);
}

function varint(value: bigint): Buffer {
  const bytes: number[] = [];
  let v = value;
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    bytes.push(b);
  } while (v > 0n);
  return Buffer.from(bytes);
}
