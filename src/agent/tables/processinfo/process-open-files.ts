import type { QueryContext, Row, TableImpl } from '../table.js';
import { listPids } from '../lib/proc.js';
import { isFileDescriptorLink, readDescriptors } from './proc-descriptors.js';

/**
 * process_open_files: the file descriptors of each process whose
 * /proc/<pid>/fd link is not a socket, pipe or anonymous inode (osquery's
 * Linux filter, a substring test on the link). path is the link text as the
 * kernel gives it, ' (deleted)' included. `pid = N` reads only that process.
 */
export function* genProcessOpenFiles(ctx: QueryContext): Iterable<Row> {
  const procRoot = ctx.hostPath('/proc');
  const wanted = ctx.equals('pid').filter((p) => /^\d+$/.test(p));
  const pids = wanted.length > 0 ? wanted : listPids(procRoot);
  for (const pid of pids) {
    ctx.checkDeadline();
    for (const { fd, link } of readDescriptors(procRoot, pid)) {
      if (isFileDescriptorLink(link)) yield { pid, fd, path: link };
    }
  }
}

export const processOpenFilesTable: TableImpl = {
  name: 'process_open_files',
  generate: genProcessOpenFiles,
  reads: ['/proc/<pid>/fd/*'],
  needsRoot: true,
};
