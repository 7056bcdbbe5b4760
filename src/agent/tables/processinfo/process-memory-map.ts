import { join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { readUtf8 } from '../lib/fs-read.js';
import { parseProcMaps } from './maps-parser.js';
import { selectPids } from './proc-pids.js';

/**
 * process_memory_map: one row per mapped region of each process, from
 * /proc/<pid>/maps. `pid = N` reads only that process.
 */
export function* genProcessMemoryMap(ctx: QueryContext): Iterable<Row> {
  const procRoot = ctx.hostPath('/proc');
  for (const pid of selectPids(ctx, procRoot)) {
    ctx.checkDeadline();
    const content = readUtf8(join(procRoot, pid, 'maps'));
    if (content === undefined) continue;
    for (const region of parseProcMaps(content)) yield { pid, ...region };
  }
}

export const processMemoryMapTable: TableImpl = {
  name: 'process_memory_map',
  generate: genProcessMemoryMap,
  reads: ['/proc/<pid>/maps'],
  needsRoot: true,
};
