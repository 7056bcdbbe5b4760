/**
 * Protobuf wire primitives shared by the push encoders: varint sizes and
 * writers that put bytes at `pos` in a buffer already sized by the caller and
 * return the position after them.
 */

/** Bytes of a non-negative integer (< 2^53) as a varint. */
export function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Bytes of an int64 as a varint: a negative one always takes ten. */
export function int64VarintSize(n: bigint): number {
  if (n < 0n) return 10;
  let size = 1;
  while (n >= 0x80n) {
    n >>= 7n;
    size++;
  }
  return size;
}

export function writeVarint(buf: Buffer, pos: number, n: number): number {
  while (n >= 0x80) {
    buf[pos++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  buf[pos++] = n;
  return pos;
}

/** An int64 as its two's-complement varint (ten bytes when negative). */
export function writeInt64(buf: Buffer, pos: number, n: bigint): number {
  let v = BigInt.asUintN(64, n);
  while (v >= 0x80n) {
    buf[pos++] = Number(v & 0x7fn) | 0x80;
    v >>= 7n;
  }
  buf[pos++] = Number(v);
  return pos;
}

/** A length-delimited string field (tag, length, bytes); nothing when `bytes` is 0. */
export function writeString(buf: Buffer, pos: number, tag: number, s: string, bytes: number): number {
  if (bytes === 0) return pos;
  buf[pos++] = tag;
  pos = writeVarint(buf, pos, bytes);
  return pos + buf.write(s, pos, bytes === s.length ? 'latin1' : 'utf8');
}
