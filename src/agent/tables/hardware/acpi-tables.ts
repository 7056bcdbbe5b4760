import { isDirectory } from '../lib/fs-read.js';
import { createHash } from 'node:crypto';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { listDir, readBytes } from '../lib/fs-read.js';
import { compareBytes } from './sysfs.js';

/**
 * acpi_tables: one row per file in /sys/firmware/acpi/tables, sorted by
 * name as osquery's glob lists them. osquery lists files only, so the
 * `data/` and `dynamic/` subdirectories (loaded SSDTs) are not entered.
 * The table files are readable by root only; otherwise size is -1 and md5
 * is empty, as in osquery.
 */
export function* genAcpiTables(ctx: QueryContext): Iterable<Row> {
  const dir = ctx.hostPath('/sys/firmware/acpi/tables');
  const names = listDir(dir)
    .filter((n) => !n.startsWith('.'))
    .sort(compareBytes);
  for (const name of names) {
    ctx.checkDeadline();
    const path = `${dir}/${name}`;
    if (isDirectory(path)) continue;
    const content = readBytes(path);
    if (content === undefined) {
      yield { name, size: -1 };
      continue;
    }
    yield { name, size: content.length, md5: createHash('md5').update(content).digest('hex') };
  }
}

export const acpiTablesTable: TableImpl = {
  name: 'acpi_tables',
  generate: genAcpiTables,
  reads: ['/sys/firmware/acpi/tables/*'],
  needsRoot: true,
};
