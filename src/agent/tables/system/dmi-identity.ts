import type { QueryContext } from '../table.js';
import { readText } from '../lib/fs-read.js';

/** system_info's hardware and board columns. */
export interface DmiIdentity {
  readonly hardware_vendor: string;
  readonly hardware_model: string;
  readonly hardware_version: string;
  readonly hardware_serial: string;
  readonly board_vendor: string;
  readonly board_model: string;
  readonly board_version: string;
  readonly board_serial: string;
}

/** Column → file under /sys/class/dmi/id: the SMBIOS system (type 1) and baseboard (type 2) strings osquery reads. */
const dmiFiles: Readonly<Record<keyof DmiIdentity, string>> = {
  hardware_vendor: 'sys_vendor',
  hardware_model: 'product_name',
  hardware_version: 'product_version',
  hardware_serial: 'product_serial',
  board_vendor: 'board_vendor',
  board_model: 'board_name',
  board_version: 'board_version',
  board_serial: 'board_serial',
};

/**
 * The SMBIOS identity strings as the kernel exports them in
 * /sys/class/dmi/id (serials are readable by root only); '' when absent.
 * Lenovo puts the model in the version string and a SKU in the product
 * name, so for vendor "lenovo" (any case) the two are swapped, as osquery does.
 */
export function readDmiIdentity(ctx: QueryContext): DmiIdentity {
  const read = (file: string): string => (readText(ctx.hostPath(`/sys/class/dmi/id/${file}`)) ?? '').replace(/\n$/, '');
  const out = Object.fromEntries(Object.entries(dmiFiles).map(([column, file]) => [column, read(file)])) as Record<keyof DmiIdentity, string>;
  if (out.hardware_vendor.toLowerCase() === 'lenovo') {
    [out.hardware_model, out.hardware_version] = [out.hardware_version, out.hardware_model];
  }
  return out;
}
