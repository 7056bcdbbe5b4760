import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText } from '../lib/fs-read.js';
import { splitOsquery } from '../lib/osquery-strings.js';

export interface KernelCmdline {
  /** BOOT_IMAGE=, the kernel image the boot loader loaded. */
  readonly path?: string;
  /** root=, the root device. */
  readonly device?: string;
  /** Every other argument, space-separated. */
  readonly arguments: string;
}

/** Splits /proc/cmdline at spaces into BOOT_IMAGE=, root= and the remaining arguments (the last BOOT_IMAGE=/root= wins). */
export function parseKernelCmdline(content: string): KernelCmdline {
  let path: string | undefined;
  let device: string | undefined;
  const rest: string[] = [];
  for (const arg of splitOsquery(content, ' ')) {
    if (arg.startsWith('BOOT_IMAGE=')) path = arg.slice('BOOT_IMAGE='.length);
    else if (arg.startsWith('root=')) device = arg.slice('root='.length);
    else rest.push(arg);
  }
  return { path, device, arguments: rest.join(' ') };
}

/** The release from /proc/version ("Linux version 6.1.0-18-amd64 (…) …" → '6.1.0-18-amd64'), or undefined. */
export function parseProcVersion(content: string): string | undefined {
  const words = splitOsquery(content, ' ');
  return words.length > 2 && words[1] === 'version' ? words[2] : undefined;
}

/**
 * kernel_info: always one row, as osquery's Linux generator: version from
 * /proc/version, arguments, path (BOOT_IMAGE=) and device (root=) from
 * /proc/cmdline; a column whose source is missing stays empty.
 */
export function* genKernelInfo(ctx: QueryContext): Iterable<Row> {
  const row: Record<string, string> = {};
  const cmdline = readText(ctx.hostPath('/proc/cmdline'));
  if (cmdline !== undefined) {
    const parsed = parseKernelCmdline(cmdline);
    if (parsed.path !== undefined) row.path = parsed.path;
    if (parsed.device !== undefined) row.device = parsed.device;
    row.arguments = parsed.arguments;
  }
  const version = parseProcVersion(readText(ctx.hostPath('/proc/version')) ?? '');
  if (version !== undefined) row.version = version;
  yield row;
}

export const kernelInfoTable: TableImpl = {
  name: 'kernel_info',
  generate: genKernelInfo,
  reads: ['/proc/cmdline', '/proc/version'],
};
