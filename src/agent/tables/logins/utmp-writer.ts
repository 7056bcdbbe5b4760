import { utmpLayout, utmpRecordBytes, type UtmpRecord } from './utmp-record.js';

/** A record to encode; omitted fields are zero or empty, as in a memset struct. */
export type UtmpRecordInput = Partial<Omit<UtmpRecord, 'addrV6'>> & {
  readonly addrV6?: Uint8Array | readonly number[];
};

/**
 * Encodes records into the bytes of a utmp/wtmp file, for tests that craft
 * fixture files. Strings are written as UTF-8, NUL-padded, and cut at the
 * field size without a terminator when they fill it (as glibc allows).
 */
export function encodeUtmpFile(records: readonly UtmpRecordInput[]): Buffer {
  return Buffer.concat(records.map((r) => encodeUtmpRecord(r)));
}

/** Encodes one record into utmpRecordBytes bytes. */
export function encodeUtmpRecord(record: UtmpRecordInput): Buffer {
  const L = utmpLayout;
  const buf = Buffer.alloc(utmpRecordBytes);
  buf.writeInt16LE(record.type ?? 0, L.type);
  buf.writeInt32LE(record.pid ?? 0, L.pid);
  writeCString(buf, record.line ?? '', L.line);
  writeCString(buf, record.id ?? '', L.id);
  writeCString(buf, record.user ?? '', L.user);
  writeCString(buf, record.host ?? '', L.host);
  buf.writeInt16LE(record.exitTermination ?? 0, L.exitTermination);
  buf.writeInt16LE(record.exitStatus ?? 0, L.exitStatus);
  buf.writeInt32LE(record.session ?? 0, L.session);
  buf.writeInt32LE(record.tvSec ?? 0, L.tvSec);
  buf.writeInt32LE(record.tvUsec ?? 0, L.tvUsec);
  if (record.addrV6) Buffer.from(record.addrV6).copy(buf, L.addrV6.offset, 0, L.addrV6.size);
  return buf;
}

function writeCString(buf: Buffer, value: string, field: { readonly offset: number; readonly size: number }): void {
  Buffer.from(value, 'utf8').copy(buf, field.offset, 0, field.size);
}
