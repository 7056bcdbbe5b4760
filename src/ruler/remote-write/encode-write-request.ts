import type { Labels } from '../../core/index.js';

/** One series of a remote-write request: labels incl. `__name__`, samples in time order. */
export interface WriteSeries {
  readonly labels: Labels;
  readonly samples: readonly { readonly value: number; readonly tsMs: number }[];
}

/**
 * Encodes a Prometheus `prometheus.WriteRequest` (prompb, alerting.md §7) as
 * protobuf: TimeSeries = 1 { Label labels = 1 {name = 1, value = 2}; Sample
 * samples = 2 {double value = 1; int64 timestamp = 2} }. Labels are written
 * sorted by name, empty values left out, as the receiver requires.
 */
export function encodeWriteRequest(series: readonly WriteSeries[]): Uint8Array {
  const out = new ByteWriter();
  for (const s of series) {
    const ts = new ByteWriter();
    for (const name of Object.keys(s.labels).sort()) {
      const value = s.labels[name] as string;
      if (value === '') continue;
      const label = new ByteWriter();
      label.string(1, name);
      label.string(2, value);
      ts.bytes(1, label.finish());
    }
    for (const sample of s.samples) {
      const encoded = new ByteWriter();
      encoded.double(1, sample.value);
      encoded.int64(2, sample.tsMs);
      ts.bytes(2, encoded.finish());
    }
    out.bytes(1, ts.finish());
  }
  return out.finish();
}

class ByteWriter {
  #chunks: number[] = [];

  #varint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.#chunks.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.#chunks.push(Number(v));
  }

  #tag(field: number, wireType: number): void {
    this.#varint(BigInt((field << 3) | wireType));
  }

  bytes(field: number, data: Uint8Array): void {
    this.#tag(field, 2);
    this.#varint(BigInt(data.length));
    for (const byte of data) this.#chunks.push(byte);
  }

  string(field: number, text: string): void {
    this.bytes(field, new TextEncoder().encode(text));
  }

  double(field: number, value: number): void {
    this.#tag(field, 1);
    const buf = new DataView(new ArrayBuffer(8));
    buf.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.#chunks.push(buf.getUint8(i));
  }

  int64(field: number, value: number): void {
    this.#tag(field, 0);
    this.#varint(BigInt(Math.trunc(value)));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.#chunks);
  }
}
