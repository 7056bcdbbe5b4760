import type { QueryContext, Row, TableImpl } from '../table.js';
import { isHostDirectory, readHostFile } from './host-files.js';

const efiDirectory = '/sys/firmware/efi';
const efiGlobalGuid = '8be4df61-93ca-11d2-aa0d-00e098032b8c';

/**
 * Reads a boolean EFI variable from efivarfs: 4 attribute bytes, then the
 * value byte. 0 and 1 are themselves, any other value is -1 (with a
 * warning), and a variable that cannot be read, or is shorter than 5
 * bytes, is undefined (an empty cell).
 */
export function readEfiBoolean(ctx: QueryContext, name: string): number | undefined {
  const path = `${efiDirectory}/efivars/${name}-${efiGlobalGuid}`;
  const data = readHostFile(ctx, path);
  if (typeof data === 'string') return undefined;
  if (data.length < 5) {
    ctx.warn(`Under read on efivar file : ${path}`);
    return undefined;
  }
  const value = data[4] as number;
  if (value === 0 || value === 1) return value;
  ctx.warn(`Unknown value in efivar(${path}). Got: ${value}`);
  return -1;
}

/**
 * secureboot: one row on UEFI machines (/sys/firmware/efi exists) with
 * secure_boot and setup_mode from the SecureBoot and SetupMode variables;
 * no row on BIOS machines, as osquery does.
 */
export function* genSecureboot(ctx: QueryContext): Iterable<Row> {
  if (!isHostDirectory(ctx, efiDirectory)) return;
  yield { secure_boot: readEfiBoolean(ctx, 'SecureBoot'), setup_mode: readEfiBoolean(ctx, 'SetupMode') };
}

export const securebootTable: TableImpl = {
  name: 'secureboot',
  generate: genSecureboot,
  reads: ['/sys/firmware/efi', '/sys/firmware/efi/efivars/{SecureBoot,SetupMode}-8be4df61-93ca-11d2-aa0d-00e098032b8c'],
};
