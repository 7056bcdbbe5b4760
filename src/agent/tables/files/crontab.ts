import { readBytes } from '../lib/fs-read.js';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { parseCrontab } from './crontab-parser.js';
import type { HostFs } from './host-fs.js';
import { createGlobHost } from './path-constraints.js';
import { appendPath } from './path-names.js';
import { describeReadLimit, readMaxBytes } from './read-limits.js';
import { resolveFilePattern } from './resolve-file-pattern.js';

/** osquery's system crontab and search directories (their files, not recursively, no dot files). */
export const systemCrontab = '/etc/crontab';
export const cronSearchDirs = ['/etc/cron.d/', '/var/at/tabs/', '/var/spool/cron/', '/var/spool/cron/crontabs/'] as const;

/**
 * crontab: /etc/crontab, then the files in /etc/cron.d, /var/at/tabs,
 * /var/spool/cron and /var/spool/cron/crontabs, as osquery's genCronTab.
 * `path` is the file a line came from.
 */
export function* genCrontab(ctx: QueryContext): Iterable<Row> {
  const host = createGlobHost(ctx);
  const files: string[] = [systemCrontab];
  for (const dir of cronSearchDirs) {
    // osquery's listFilesInDirectory: the directory must exist; its files are globbed with `*`.
    if (!host.fs.isDirectory(dir)) continue;
    files.push(...resolveFilePattern(appendPath(dir, '*'), host, { limit: 'files', canonicalize: true }));
  }
  for (const path of files) {
    ctx.checkDeadline();
    const text = readCronFile(ctx, host.fs, path);
    if (text === undefined) continue;
    for (const entry of parseCrontab(text)) yield { ...entry, path, pid_with_namespace: 0 };
  }
}

function readCronFile(ctx: QueryContext, fs: HostFs, path: string): string | undefined {
  if (!fs.isReadable(path)) return undefined;
  const st = fs.stat(path);
  if (st && st.size > BigInt(readMaxBytes)) {
    ctx.warn(describeReadLimit(path, st.size));
    return undefined;
  }
  const bytes = readBytes(fs.toHost(path));
  if (bytes === undefined) ctx.warn(`Cannot open file for reading: ${path}`);
  return bytes?.toString('utf8');
}

export const crontabTable: TableImpl = {
  name: 'crontab',
  generate: genCrontab,
  reads: ['/etc/crontab', '/etc/cron.d/*', '/var/at/tabs/*', '/var/spool/cron/*', '/var/spool/cron/crontabs/*'],
  needsRoot: true,
};
