import { readBytes } from '../lib/fs-read.js';

/** One SMBIOS structure: its formatted area plus the string set that follows it. */
export interface SmbiosStructure {
  /** Position in the table (osquery's `number`). */
  readonly index: number;
  readonly type: number;
  /** Length of the formatted area (osquery's `header_size`). */
  readonly length: number;
  readonly handle: number;
  /** The whole structure: formatted area, strings and the double-NUL terminator. */
  readonly bytes: Buffer;
}

/**
 * Splits raw SMBIOS table data (the content of
 * /sys/firmware/dmi/tables/DMI) into structures, walking as osquery's
 * SMBIOSParser does: a 4-byte header (type, length, handle); stop at a
 * header that runs past the data or an all-zero length and handle; the
 * structure ends after the first double NUL at or beyond its formatted
 * area (or where the scan for one runs out of data).
 */
export function parseSmbiosStructures(data: Buffer): SmbiosStructure[] {
  const out: SmbiosStructure[] = [];
  let at = 0;
  while (at + 4 <= data.length) {
    const type = data[at] as number;
    const length = data[at + 1] as number;
    const handle = data.readUInt16LE(at + 2);
    if (at + length > data.length) break;
    if (length === 0 && handle === 0) break;
    let next = at + length;
    for (; next + 4 <= data.length; next++) {
      if (data[next] === 0 && data[next + 1] === 0) {
        next += 2;
        break;
      }
    }
    out.push({ index: out.length, type, length, handle, bytes: data.subarray(at, next) });
    at = next;
  }
  return out;
}

/**
 * String number `index` (1-based) of a structure's string set, right-trimmed,
 * or '' for index 0, a missing string or a string set that is not
 * NUL-terminated (osquery's dmiString guards).
 */
export function smbiosString(structure: SmbiosStructure, index: number): string {
  const text = structure.bytes.subarray(structure.length);
  if (index === 0 || text.length === 0 || text[text.length - 1] !== 0) return '';
  let start = 0;
  for (let i = 1; i < index; i++) {
    const nul = text.indexOf(0, start);
    if (nul < 0 || nul + 1 >= text.length) return '';
    start = nul + 1;
  }
  const end = text.indexOf(0, start);
  return text.toString('latin1', start, end < 0 ? text.length : end).trimEnd();
}

/** Where Linux exposes the raw SMBIOS tables (readable by root only). */
export const dmiTablesPath = '/sys/firmware/dmi/tables/DMI';

/**
 * The SMBIOS structures of this host from sysfs, or undefined when the DMI
 * node is absent or unreadable. osquery would then try the EFI systab and
 * /dev/mem; Watchpost does not read physical memory.
 */
export function readSmbiosStructures(hostPath: (path: string) => string): SmbiosStructure[] | undefined {
  const data = readBytes(hostPath(dmiTablesPath));
  return data === undefined ? undefined : parseSmbiosStructures(data);
}
