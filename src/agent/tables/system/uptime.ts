import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText } from '../lib/fs-read.js';

/**
 * Whole seconds since boot from /proc/uptime, rounded up the way sysinfo(2)
 * reports uptime (osquery's source); undefined when the file does not parse.
 */
export function parseProcUptime(content: string): number | undefined {
  const m = /^\s*(\d+)(?:\.(\d+))?/.exec(content);
  if (!m) return undefined;
  const seconds = Number(m[1]);
  return /[1-9]/.test(m[2] ?? '') ? seconds + 1 : seconds;
}

/** uptime: one row splitting the seconds since boot into days, hours, minutes and seconds; no row when unknown. */
export function* genUptime(ctx: QueryContext): Iterable<Row> {
  const total = parseProcUptime(readText(ctx.hostPath('/proc/uptime')) ?? '');
  if (total === undefined) return;
  yield {
    days: Math.floor(total / 86_400),
    hours: Math.floor(total / 3600) % 24,
    minutes: Math.floor(total / 60) % 60,
    seconds: total % 60,
    total_seconds: total,
  };
}

export const uptimeTable: TableImpl = {
  name: 'uptime',
  generate: genUptime,
  reads: ['/proc/uptime'],
};
