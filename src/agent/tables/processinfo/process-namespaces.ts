import { join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { readLink } from '../lib/fs-read.js';
import { selectPids } from './proc-pids.js';

/** The namespaces osquery reports, in its order; each becomes a `<name>_namespace` column. */
const namespaceNames = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'user', 'uts'] as const;

/**
 * process_namespaces: one row per process with the inode of each namespace
 * it is in, from the /proc/<pid>/ns/<name> links (`net:[4026531840]`). A
 * link that cannot be read (another user's process without root) or does not
 * have that form leaves its column empty; the row is still produced, as in
 * osquery.
 */
export function* genProcessNamespaces(ctx: QueryContext): Iterable<Row> {
  const procRoot = ctx.hostPath('/proc');
  for (const pid of selectPids(ctx, procRoot)) {
    ctx.checkDeadline();
    const row: Record<string, string> = { pid };
    for (const name of namespaceNames) {
      const inode = parseNamespaceLink(name, readLink(join(procRoot, pid, 'ns', name)));
      if (inode !== undefined) row[`${name}_namespace`] = inode;
    }
    yield row;
  }
}

/**
 * The inode in a namespace link `<name>:[<inode>]`, as osquery's
 * procGetNamespaceInode accepts it: the prefix must be the namespace's own
 * name and the inode a non-zero decimal followed by ']'.
 */
export function parseNamespaceLink(name: string, link: string): string | undefined {
  if (!link.startsWith(name + ':[')) return undefined;
  const m = /^(\d+)\]/.exec(link.slice(name.length + 2));
  if (!m?.[1] || BigInt(m[1]) === 0n) return undefined;
  return BigInt(m[1]).toString();
}

export const processNamespacesTable: TableImpl = {
  name: 'process_namespaces',
  generate: genProcessNamespaces,
  reads: ['/proc/<pid>/ns/{cgroup,ipc,mnt,net,pid,user,uts}'],
  needsRoot: true,
};
