import { join } from 'node:path';
import { listDir, readLink } from '../lib/fs-read.js';

/** One entry of /proc/<pid>/fd: the descriptor number and its link text. */
export interface Descriptor {
  readonly fd: string;
  readonly link: string;
}

/**
 * The open descriptors of a process, from the /proc/<pid>/fd symlinks
 * (osquery's procDescriptors): a descriptor closed before its readlink is
 * skipped; an unreadable fd directory (another user's process without root,
 * a process that exited) gives an empty list.
 */
export function readDescriptors(procRoot: string, pid: string): Descriptor[] {
  const dir = join(procRoot, pid, 'fd');
  const out: Descriptor[] = [];
  for (const fd of listDir(dir).sort((a, b) => Number(a) - Number(b))) {
    const link = readLink(join(dir, fd));
    if (link !== '') out.push({ fd, link });
  }
  return out;
}

/** Link texts of descriptors that are not files: sockets, pipes and anonymous inodes (eventfd, epoll...). */
export function isFileDescriptorLink(link: string): boolean {
  return !link.includes('socket:') && !link.includes('anon_inode:') && !link.includes('pipe:');
}
