import { join } from 'node:path';
import { listDir, readLink } from '../lib/fs-read.js';

/** The process and descriptor holding a socket. */
export interface SocketOwner {
  readonly pid: string;
  readonly fd: string;
}

/** The inode inside a `socket:[12345]` descriptor link, or undefined for any other link. */
export function parseSocketLink(link: string): string | undefined {
  return link.startsWith('socket:[') && link.endsWith(']') ? link.slice(8, -1) : undefined;
}

/**
 * Adds every socket descriptor of /proc/<pid>/fd to `owners`, keyed by inode.
 * A later entry replaces an earlier one for the same inode, as osquery's map
 * assignment does (a socket shared by several processes keeps one owner).
 */
export function collectSocketOwners(procRoot: string, pid: string, owners: Map<string, SocketOwner>): void {
  const dir = join(procRoot, pid, 'fd');
  for (const fd of listDir(dir)) {
    const inode = parseSocketLink(readLink(join(dir, fd)));
    if (inode !== undefined) owners.set(inode, { pid, fd });
  }
}

/** The inode in a `net:[4026531840]` namespace link; '0' when unreadable or malformed (osquery's fallback). */
export function parseNetNamespaceLink(link: string): string {
  const m = /^net:\[(\d+)\]$/.exec(link);
  return m && m[1] !== undefined && Number(m[1]) !== 0 ? m[1] : '0';
}

/** The network namespace inode of a process ('0' when unknown). */
export function readNetNamespace(procRoot: string, pid: string): string {
  return parseNetNamespaceLink(readLink(join(procRoot, pid, 'ns', 'net')));
}
