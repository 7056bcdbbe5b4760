import type { QueryContext, Row, TableImpl } from '../table.js';
import { readProcFile } from '../lib/fs-read.js';
import { splitOsquery } from '../lib/osquery-strings.js';

const cpuTimeColumns = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guest_nice'] as const;

/**
 * cpu_time rows from /proc/stat text: one per `cpuN` line (the aggregate
 * `cpu ` line is skipped), times in USER_HZ ticks as the kernel reports
 * them. A line with fewer than 7 counters is ignored; steal, guest and
 * guest_nice default to 0 on kernels that lack them.
 */
export function parseCpuTimes(text: string): Row[] {
  const rows: Row[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('cpu') || line.startsWith('cpu ')) continue;
    const words = splitOsquery(line, ' ');
    const label = words[0] ?? '';
    if (words.length < 8 || label.length <= 3) continue;
    const row: Record<string, string> = { core: label.slice(3) };
    cpuTimeColumns.forEach((column, i) => {
      row[column] = words[i + 1] ?? '0';
    });
    rows.push(row);
  }
  return rows;
}

export function* genCpuTime(ctx: QueryContext): Iterable<Row> {
  yield* parseCpuTimes(readProcFile(ctx.hostPath('/proc/stat')) ?? '');
}

export const cpuTimeTable: TableImpl = {
  name: 'cpu_time',
  generate: genCpuTime,
  reads: ['/proc/stat'],
};
