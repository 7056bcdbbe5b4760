/** Decoding of Loki push bodies, for the fake endpoint of tests and benchmarks. */
export interface DecodedEntry {
  tsNs: bigint;
  line: string;
  metadata?: Record<string, string>;
}

export interface DecodedStream {
  labels: string;
  entries: DecodedEntry[];
}

interface Reader {
  buf: Buffer;
  pos: number;
}

function readVarint(r: Reader): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const b = r.buf[r.pos++];
    if (b === undefined) throw new Error('truncated varint');
    result |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return result;
    shift += 7n;
  }
}

function readFields(buf: Buffer, visit: (field: number, r: Reader, value: bigint | Buffer) => void): void {
  const r: Reader = { buf, pos: 0 };
  while (r.pos < buf.length) {
    const tag = Number(readVarint(r));
    const field = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) visit(field, r, readVarint(r));
    else if (wire === 2) {
      const len = Number(readVarint(r));
      const value = buf.subarray(r.pos, r.pos + len);
      if (value.length !== len) throw new Error('truncated field');
      r.pos += len;
      visit(field, r, value);
    } else throw new Error(`unexpected wire type ${wire}`);
  }
}

/** Decodes an uncompressed protobuf PushRequest. */
export function decodePushRequestProto(buf: Buffer): DecodedStream[] {
  const streams: DecodedStream[] = [];
  readFields(buf, (field, _r, value) => {
    if (field !== 1 || typeof value === 'bigint') return;
    const stream: DecodedStream = { labels: '', entries: [] };
    readFields(value, (f, _r2, v) => {
      if (f === 1 && Buffer.isBuffer(v)) stream.labels = v.toString('utf8');
      if (f === 2 && Buffer.isBuffer(v)) stream.entries.push(decodeEntry(v));
    });
    streams.push(stream);
  });
  return streams;
}

function decodeEntry(buf: Buffer): DecodedEntry {
  const entry: DecodedEntry = { tsNs: 0n, line: '' };
  readFields(buf, (f, _r, v) => {
    if (f === 1 && Buffer.isBuffer(v)) {
      let seconds = 0n;
      let nanos = 0n;
      readFields(v, (tf, _r2, tv) => {
        if (tf === 1 && typeof tv === 'bigint') seconds = BigInt.asIntN(64, tv);
        if (tf === 2 && typeof tv === 'bigint') nanos = tv;
      });
      entry.tsNs = seconds * 1_000_000_000n + nanos;
    }
    if (f === 2 && Buffer.isBuffer(v)) entry.line = v.toString('utf8');
    if (f === 3 && Buffer.isBuffer(v)) {
      let name = '';
      let value = '';
      readFields(v, (pf, _r2, pv) => {
        if (pf === 1 && Buffer.isBuffer(pv)) name = pv.toString('utf8');
        if (pf === 2 && Buffer.isBuffer(pv)) value = pv.toString('utf8');
      });
      (entry.metadata ??= {})[name] = value;
    }
  });
  return entry;
}

/** Decodes the v1 JSON push body into the same shape (labels rendered `{a="b"}`). */
export function decodePushRequestJson(text: string): DecodedStream[] {
  const body = JSON.parse(text) as { streams: Array<{ stream: Record<string, string>; values: Array<[string, string, Record<string, string>?]> }> };
  return body.streams.map((s) => ({
    labels: `{${Object.keys(s.stream).sort().map((k) => `${k}=${JSON.stringify(s.stream[k])}`).join(', ')}}`,
    entries: s.values.map(([ts, line, metadata]) => (metadata ? { tsNs: BigInt(ts), line, metadata } : { tsNs: BigInt(ts), line })),
  }));
}
