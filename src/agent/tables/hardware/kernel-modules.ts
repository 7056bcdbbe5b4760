import type { QueryContext, Row, TableImpl } from '../table.js';
import { readProcFile } from '../lib/fs-read.js';
import { splitOsquery } from '../lib/osquery-strings.js';

/**
 * kernel_modules rows from /proc/modules text. Each line is
 * `name size refcount used_by status address [taint]`; osquery drops the
 * reference count, strips the trailing comma of used_by ("-" when unused)
 * and skips lines with fewer than six fields. Addresses read as
 * 0x0000000000000000 unless the reader has CAP_SYSLOG (kptr_restrict).
 */
export function parseProcModules(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    const details = splitOsquery(line, ' ').map((d) => (d.endsWith(',') ? d.slice(0, -1) : d));
    if (details.length < 6) continue;
    rows.push({ name: details[0], size: details[1], used_by: details[3], status: details[4], address: details[5] });
  }
  return rows;
}

export function* genKernelModules(ctx: QueryContext): Iterable<Row> {
  yield* parseProcModules(readProcFile(ctx.hostPath('/proc/modules')) ?? '');
}

export const kernelModulesTable: TableImpl = {
  name: 'kernel_modules',
  generate: genKernelModules,
  reads: ['/proc/modules'],
  needsRoot: true,
};
