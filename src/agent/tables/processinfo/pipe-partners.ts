/** One end of a pipe held by a process descriptor. */
export interface PipeEnd {
  readonly pid: string;
  readonly fd: string;
  /** 'r', 'w', 'rw', '' or '-' (descriptor gone), from the permission bits of the /proc/<pid>/fd link. */
  readonly mode: string;
  readonly inode: string;
  readonly type: 'named' | 'anonymous';
}

/** A process_open_pipes row: an end and, when the pipe is shared, one partner end. */
export type PipeRow = {
  readonly pid: string;
  readonly fd: string;
  readonly mode: string;
  readonly inode: string;
  readonly type: string;
  readonly partner_pid?: string;
  readonly partner_fd?: string;
  readonly partner_mode?: string;
};

/**
 * Pairs pipe ends the way osquery's genPipes does. An end whose inode no
 * other descriptor holds gives one row without partner columns. Otherwise
 * each end gives one row per other end of the same inode that can talk to
 * it: a different mode, or this end open for both reading and writing.
 * Two ends in the same process pair too. Rows follow the order of `ends`.
 */
export function pairPipeEnds(ends: readonly PipeEnd[]): PipeRow[] {
  const byInode = new Map<string, PipeEnd[]>();
  for (const end of ends) {
    const list = byInode.get(end.inode);
    if (list) list.push(end);
    else byInode.set(end.inode, [end]);
  }
  const rows: PipeRow[] = [];
  for (const end of ends) {
    const sharing = byInode.get(end.inode) ?? [];
    const own = { pid: end.pid, fd: end.fd, mode: end.mode, inode: end.inode, type: end.type };
    if (sharing.length === 1) {
      rows.push(own);
      continue;
    }
    for (const other of sharing) {
      if (isSameEnd(end, other) || !(end.mode !== other.mode || end.mode === 'rw')) continue;
      rows.push({ ...own, partner_pid: other.pid, partner_fd: other.fd, partner_mode: other.mode });
    }
  }
  return rows;
}

function isSameEnd(a: PipeEnd, b: PipeEnd): boolean {
  return a.pid === b.pid && a.fd === b.fd && a.inode === b.inode && a.mode === b.mode;
}
