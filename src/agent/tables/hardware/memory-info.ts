import type { QueryContext, Row, TableImpl } from '../table.js';
import { readProcFile } from '../lib/fs-read.js';

/** Columns of memory_info and the /proc/meminfo line each one comes from. */
const meminfoFields: ReadonlyArray<readonly [column: string, prefix: string]> = [
  ['memory_total', 'MemTotal:'],
  ['memory_free', 'MemFree:'],
  ['memory_available', 'MemAvailable:'],
  ['buffers', 'Buffers:'],
  ['cached', 'Cached:'],
  ['swap_cached', 'SwapCached:'],
  ['active', 'Active:'],
  ['inactive', 'Inactive:'],
  ['swap_total', 'SwapTotal:'],
  ['swap_free', 'SwapFree:'],
];

/**
 * The memory_info row from /proc/meminfo text: each known line's kB figure
 * times 1024 (bytes). Lines that are absent or not a whole number leave
 * their column unset (NULL), as osquery does.
 */
export function parseMeminfo(text: string): Record<string, number> {
  const row: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const field = meminfoFields.find(([, prefix]) => line.startsWith(prefix));
    if (!field) continue;
    const value = line.split(/[\t ]+/)[1] ?? '';
    if (/^[-+]?\d+$/.test(value)) row[field[0]] = Number(value) * 1024;
  }
  return row;
}

/** memory_info: always exactly one row; an unreadable /proc/meminfo gives a row of NULLs. */
export function* genMemoryInfo(ctx: QueryContext): Iterable<Row> {
  yield parseMeminfo(readProcFile(ctx.hostPath('/proc/meminfo')) ?? '');
}

export const memoryInfoTable: TableImpl = {
  name: 'memory_info',
  generate: genMemoryInfo,
  reads: ['/proc/meminfo'],
};
