import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The Linux glibc `struct utmp` (= `struct utmpx`) as stored in utmp, wtmp
 * and btmp: fixed 384-byte records in host byte order (little-endian on
 * every platform Watchpost runs on). See FORMAT.md for the byte layout.
 */
export const utmpRecordBytes = 384;

/** Byte offsets and sizes of the fields of one record. */
export const utmpLayout = {
  type: 0, // int16, then 2 bytes of padding
  pid: 4, // int32
  line: { offset: 8, size: 32 },
  id: { offset: 40, size: 4 },
  user: { offset: 44, size: 32 },
  host: { offset: 76, size: 256 },
  exitTermination: 332, // int16
  exitStatus: 334, // int16
  session: 336, // int32
  tvSec: 340, // int32
  tvUsec: 344, // int32
  addrV6: { offset: 348, size: 16 }, // 4 × int32, network byte order within
  // 364..383: unused (glibc __glibc_reserved[20])
} as const;

/** ut_type values from <bits/utmp.h>. */
export const utmpTypes = {
  EMPTY: 0,
  RUN_LVL: 1,
  BOOT_TIME: 2,
  NEW_TIME: 3,
  OLD_TIME: 4,
  INIT_PROCESS: 5,
  LOGIN_PROCESS: 6,
  USER_PROCESS: 7,
  DEAD_PROCESS: 8,
  ACCOUNTING: 9,
} as const;

/** One decoded record. Strings stop at the first NUL or at the field's end, whichever comes first. */
export interface UtmpRecord {
  readonly type: number;
  readonly pid: number;
  readonly line: string;
  readonly id: string;
  readonly user: string;
  readonly host: string;
  readonly exitTermination: number;
  readonly exitStatus: number;
  readonly session: number;
  readonly tvSec: number;
  readonly tvUsec: number;
  /** The raw ut_addr_v6 bytes (16); an IPv4 address fills the first 4. */
  readonly addrV6: Uint8Array;
}

/** Decodes the record at `offset`; the buffer must hold utmpRecordBytes from there. */
export function parseUtmpRecord(buf: Buffer, offset = 0): UtmpRecord {
  const L = utmpLayout;
  return {
    type: buf.readInt16LE(offset + L.type),
    pid: buf.readInt32LE(offset + L.pid),
    line: readCString(buf, offset + L.line.offset, L.line.size),
    id: readCString(buf, offset + L.id.offset, L.id.size),
    user: readCString(buf, offset + L.user.offset, L.user.size),
    host: readCString(buf, offset + L.host.offset, L.host.size),
    exitTermination: buf.readInt16LE(offset + L.exitTermination),
    exitStatus: buf.readInt16LE(offset + L.exitStatus),
    session: buf.readInt32LE(offset + L.session),
    tvSec: buf.readInt32LE(offset + L.tvSec),
    tvUsec: buf.readInt32LE(offset + L.tvUsec),
    addrV6: Uint8Array.from(buf.subarray(offset + L.addrV6.offset, offset + L.addrV6.offset + L.addrV6.size)),
  };
}

/**
 * A NUL-padded char array as text. The fields are `__attribute_nonstring__`:
 * a value that fills the whole field has no terminator, so decoding stops at
 * the field's end (glibc's own `last` and `who` do the same).
 */
function readCString(buf: Buffer, start: number, size: number): string {
  const nul = buf.indexOf(0, start);
  const end = nul === -1 || nul > start + size ? start + size : nul;
  return buf.toString('utf8', start, end);
}

const recordsPerRead = 256;

/**
 * Yields the records of a utmp-format file in file order, reading it in
 * chunks so a large wtmp is never held in memory. Like glibc's getutxent it
 * stops at a trailing partial record, and yields nothing (without throwing)
 * when the file is missing or unreadable.
 */
export function* readUtmpFile(path: string): Generator<UtmpRecord, void, undefined> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    const chunk = Buffer.alloc(utmpRecordBytes * recordsPerRead);
    let filled = 0;
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, chunk, filled, chunk.length - filled, null);
      } catch {
        return;
      }
      filled += got;
      const whole = filled - (filled % utmpRecordBytes);
      for (let at = 0; at < whole; at += utmpRecordBytes) yield parseUtmpRecord(chunk, at);
      chunk.copy(chunk, 0, whole, filled);
      filled -= whole;
      if (got === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}
