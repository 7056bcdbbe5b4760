import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { QueryContext } from '../table.js';
import type { HostView } from './host-view.js';

/** The two /etc/passwd fields the user_data tables need. */
export interface HomeUser {
  readonly uid: number;
  readonly directory: string;
}

/**
 * osquery's virtual-table warning for user_data tables (chrome_extensions,
 * firefox_addons, python_packages, …): a query that constrains neither uid
 * nor username reads only the calling user's data.
 */
export function warnUnlessUserConstrained(ctx: QueryContext): void {
  if (!ctx.hasConstraint('uid') && !ctx.hasConstraint('username')) {
    ctx.warn(`The ${ctx.table} table returns data based on the current user by default, consider JOINing against the users table`);
  }
}

/**
 * The users a user_data table reads, as osquery's usersFromContext: each
 * `uid = N` looks N up in /etc/passwd (and, on the real host, in NSS through
 * `getent passwd N` when the file has no such uid, as osquery retries with
 * include_remote); without an `=` on uid only the calling user is read.
 */
export function selectContextUsers(ctx: QueryContext, view: HostView): HomeUser[] {
  const users = readPasswdUsers(view);
  const wanted = ctx.equals('uid');
  if (wanted.length === 0) {
    const self = process.getuid?.() ?? 0;
    return users.filter((u) => u.uid === self);
  }
  return wanted.flatMap((value) => {
    if (!/^\s*[+-]?\d+\s*$/.test(value)) return [];
    const uid = Number(value);
    const local = users.filter((u) => u.uid === uid);
    if (local.length > 0 || ctx.paths.root !== '/' || view.pid !== 0) return local;
    return lookUpRemoteUser(uid);
  });
}

/** Local accounts with a numeric uid, in file order; [] when the file cannot be read. */
export function readPasswdUsers(view: HostView): HomeUser[] {
  let text: string;
  try {
    text = readFileSync(view.resolve('/etc/passwd'), 'utf8');
  } catch {
    return [];
  }
  return parsePasswdHomes(text);
}

/** passwd(5) lines as fgetpwent reads them: comments, blank lines, short lines and non-numeric ids are skipped. */
export function parsePasswdHomes(text: string): HomeUser[] {
  const users: HomeUser[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = line.split(':');
    const name = fields[0] ?? '';
    if (name === '' || name.startsWith('+') || name.startsWith('-')) continue;
    if (fields.length < 7 || !/^\d+$/.test(fields[2] ?? '') || !/^\d+$/.test(fields[3] ?? '')) continue;
    users.push({ uid: Number(fields[2]), directory: fields[5] ?? '' });
  }
  return users;
}

function lookUpRemoteUser(uid: number): HomeUser[] {
  const result = spawnSync('getent', ['passwd', String(uid)], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
  if (result.error || typeof result.stdout !== 'string') return [];
  return parsePasswdHomes(result.stdout);
}
