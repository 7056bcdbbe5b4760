/**
 * The length-prefixed fields the chunk meta and the WAL record share
 * (../FORMAT.md): a "short" string is a u16 LE byte length then UTF-8, a
 * "long" string a u32 LE byte length then UTF-8, and a string map (labels,
 * structured metadata) a u16 count then that many pairs of short name, long
 * value.
 */

/** UTF-8 bytes of a string map as writeStringMap writes it. */
export function measureStringMap(map: Readonly<Record<string, string>>): number {
  let n = 2;
  for (const name in map) n += 2 + Buffer.byteLength(name) + 4 + Buffer.byteLength(map[name] as string);
  return n;
}

/** Writes a short string at `at`; returns the offset past it. `buf` must have room. */
export function writeShortString(buf: Buffer, at: number, value: string): number {
  const n = buf.write(value, at + 2, 'utf8');
  buf.writeUInt16LE(n, at);
  return at + 2 + n;
}

/** Writes a long string at `at`; returns the offset past it. `buf` must have room. */
export function writeLongString(buf: Buffer, at: number, value: string): number {
  const n = buf.write(value, at + 4, 'utf8');
  buf.writeUInt32LE(n, at);
  return at + 4 + n;
}

/** Writes the pairs of `map` named by `names` (default: all, in insertion order) at `at`; returns the offset past them. */
export function writeStringMap(buf: Buffer, at: number, map: Readonly<Record<string, string>>, names: readonly string[] = Object.keys(map)): number {
  buf.writeUInt16LE(names.length, at);
  let next = at + 2;
  for (const name of names) {
    next = writeShortString(buf, next, name);
    next = writeLongString(buf, next, map[name] as string);
  }
  return next;
}

/**
 * Reads the fields in order: every read starts at `at` and moves it past
 * what it read; reading past the end of the buffer throws a RangeError.
 */
export class FieldReader {
  readonly buf: Buffer;
  at: number;

  constructor(buf: Buffer, at = 0) {
    this.buf = buf;
    this.at = at;
  }

  readU16(): number {
    const v = this.buf.readUInt16LE(this.at);
    this.at += 2;
    return v;
  }

  readU32(): number {
    const v = this.buf.readUInt32LE(this.at);
    this.at += 4;
    return v;
  }

  readShortString(): string {
    const at = this.at;
    const n = this.buf.readUInt16LE(at);
    this.at = at + 2 + n;
    return this.buf.toString('utf8', at + 2, at + 2 + n);
  }

  readLongString(): string {
    const at = this.at;
    const n = this.buf.readUInt32LE(at);
    if (at + 4 + n > this.buf.length) throw new RangeError('string past the end of its buffer');
    this.at = at + 4 + n;
    return this.buf.toString('utf8', at + 4, at + 4 + n);
  }

  /** A u16 count then that many (short name, long value) pairs, as a plain object in their order. */
  readStringMap(): Record<string, string> {
    const count = this.readU16();
    const map: Record<string, string> = {};
    for (let i = 0; i < count; i++) {
      const name = this.readShortString();
      map[name] = this.readLongString();
    }
    return map;
  }
}
