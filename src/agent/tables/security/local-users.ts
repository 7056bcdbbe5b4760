import type { HostContext } from './host-files.js';
import { readHostText } from './host-files.js';

/** One /etc/passwd entry, with the fields the security tables need. */
export interface LocalUser {
  readonly username: string;
  readonly uid: number;
  readonly gid: number;
  readonly directory: string;
}

const idPattern = /^\d+$/;

/**
 * Parses passwd(5) text as fgetpwent(3) does: blank lines, comments and lines
 * whose uid or gid is not a number are skipped; duplicates stay, in file order.
 */
export function parseLocalUsers(text: string): LocalUser[] {
  const users: LocalUser[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 7 || !idPattern.test(f[2] ?? '') || !idPattern.test(f[3] ?? '')) continue;
    users.push({ username: f[0] ?? '', uid: Number(f[2]), gid: Number(f[3]), directory: f[5] ?? '' });
  }
  return users;
}

/** The local users of /etc/passwd under the context's root; [] when it cannot be read. */
export function readLocalUsers(ctx: HostContext): LocalUser[] {
  return parseLocalUsers(readHostText(ctx, '/etc/passwd') ?? '');
}
