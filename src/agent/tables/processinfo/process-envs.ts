import { join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { readBytes } from '../lib/fs-read.js';
import { parseEnviron } from './environ-parser.js';
import { selectPids } from './proc-pids.js';

/**
 * process_envs: one row per environment variable of each process, from
 * /proc/<pid>/environ. `pid = N` reads only that process. Another user's
 * environ needs root; such processes give no rows, as in osquery.
 */
export function* genProcessEnvs(ctx: QueryContext): Iterable<Row> {
  const procRoot = ctx.hostPath('/proc');
  for (const pid of selectPids(ctx, procRoot)) {
    ctx.checkDeadline();
    const content = readBytes(join(procRoot, pid, 'environ'));
    if (content === undefined) continue;
    for (const { key, value } of parseEnviron(content)) yield { pid, key, value };
  }
}

export const processEnvsTable: TableImpl = {
  name: 'process_envs',
  generate: genProcessEnvs,
  reads: ['/proc/<pid>/environ'],
  needsRoot: true,
};
