import { readUtf8 } from '../lib/fs-read.js';
import type { QueryContext } from '../table.js';

/** One /etc/passwd entry, as fgetpwent(3) reads it. */
export interface PasswdEntry {
  readonly username: string;
  readonly uid: number;
  readonly gid: number;
  readonly directory: string;
  readonly shell: string;
}

/** One /etc/group entry. */
export interface GroupEntry {
  readonly groupname: string;
  readonly gid: number;
}

const idPattern = /^\d+$/;

/**
 * Parses passwd(5) text. Like fgetpwent(3) it skips blank lines, comments
 * and lines whose uid or gid is not a number, and keeps duplicate uids in
 * file order.
 */
export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 7 || !idPattern.test(f[2] ?? '') || !idPattern.test(f[3] ?? '')) continue;
    entries.push({ username: f[0] ?? '', uid: Number(f[2]), gid: Number(f[3]), directory: f[5] ?? '', shell: f[6] ?? '' });
  }
  return entries;
}

/** Parses group(5) text, skipping lines without a numeric gid. */
export function parseGroup(text: string): GroupEntry[] {
  const entries: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 3 || !idPattern.test(f[2] ?? '')) continue;
    entries.push({ groupname: f[0] ?? '', gid: Number(f[2]) });
  }
  return entries;
}

/** The local users of /etc/passwd under the context's root; [] when it cannot be read. */
export function readPasswd(ctx: Pick<QueryContext, 'hostPath'>): PasswdEntry[] {
  return parsePasswd(readUtf8(ctx.hostPath('/etc/passwd')) ?? '');
}

/** The local groups of /etc/group under the context's root; [] when it cannot be read. */
export function readGroups(ctx: Pick<QueryContext, 'hostPath'>): GroupEntry[] {
  return parseGroup(readUtf8(ctx.hostPath('/etc/group')) ?? '');
}
