import { lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { listPids } from '../lib/proc.js';
import { readDescriptors, type Descriptor } from './proc-descriptors.js';
import { pairPipeEnds, type PipeEnd } from './pipe-partners.js';

/**
 * process_open_pipes: every pipe end held by a process and the processes at
 * its other ends, as osquery's Linux generator finds them. Anonymous pipes
 * are `pipe:[inode]` descriptors; named pipes are descriptors whose path is
 * a FIFO (stat of the path, so the inode is the FIFO's). The mode comes from
 * the permission bits of the /proc/<pid>/fd link, which mirror the open
 * mode. Always a full scan: a pipe's partners may be in any process.
 */
export function* genProcessOpenPipes(ctx: QueryContext): Iterable<Row> {
  const procRoot = ctx.hostPath('/proc');
  const ends: PipeEnd[] = [];
  for (const pid of listPids(procRoot)) {
    ctx.checkDeadline();
    for (const descriptor of readDescriptors(procRoot, pid)) {
      const end = readPipeEnd(ctx, procRoot, pid, descriptor);
      if (end) ends.push(end);
    }
  }
  yield* pairPipeEnds(ends);
}

function readPipeEnd(ctx: QueryContext, procRoot: string, pid: string, { fd, link }: Descriptor): PipeEnd | undefined {
  if (link.includes('pipe:')) {
    const inode = /\d+/.exec(link)?.[0] ?? '0';
    return { pid, fd, mode: readOpenMode(join(procRoot, pid, 'fd', fd)), inode, type: 'anonymous' };
  }
  if (link.includes('socket:') || link.includes('anon_inode:') || !link.startsWith('/')) return undefined;
  const inode = readFifoInode(ctx.hostPath(link));
  if (inode === undefined) return undefined;
  return { pid, fd, mode: readOpenMode(join(procRoot, pid, 'fd', fd)), inode, type: 'named' };
}

/** The inode of a FIFO at `path`; undefined when the path is missing, unreadable or not a FIFO. */
function readFifoInode(path: string): string | undefined {
  try {
    const st = statSync(path, { throwIfNoEntry: false, bigint: true });
    return st?.isFIFO() ? st.ino.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** 'r' and/or 'w' from any read/write permission bit of the fd link; '-' when it is gone. */
function readOpenMode(fdLink: string): string {
  let mode: number;
  try {
    mode = lstatSync(fdLink).mode;
  } catch {
    return '-';
  }
  return (mode & 0o444 ? 'r' : '') + (mode & 0o222 ? 'w' : '');
}

export const processOpenPipesTable: TableImpl = {
  name: 'process_open_pipes',
  generate: genProcessOpenPipes,
  reads: ['/proc/<pid>/fd/*', 'stat of each descriptor path (named pipes)'],
  needsRoot: true,
};
