import type { QueryContext } from '../table.js';
import { readUtf8 } from '../lib/fs-read.js';
import { parsePasswd } from '../system/etc-passwd.js';
import { runGetent } from '../system/getent.js';

/** A user whose files a user_data table reads: the users table's uid and directory. */
export interface ContextUser {
  readonly uid: number;
  readonly directory: string;
}

/**
 * The users a user_data table reads, as osquery's usersFromContext: for
 * each `uid = N` the users rows of N (from /etc/passwd; on the real host,
 * NSS through getent when the file lacks N, as osquery retries with
 * include_remote); without one, only the calling user. Like osquery's
 * virtual table it warns when the query has no uid constraint at all.
 */
export function selectContextUsers(ctx: QueryContext): ContextUser[] {
  if (!ctx.hasConstraint('uid')) {
    ctx.warn(`The ${ctx.table} table returns data based on the current user by default, consider JOINing against the users table`);
  }
  const users = parsePasswd(readUtf8(ctx.hostPath('/etc/passwd')) ?? '').map((e) => ({ uid: e.uid, directory: e.dir }));
  const wanted = ctx.equals('uid');
  if (wanted.length === 0) {
    const self = process.getuid?.() ?? 0;
    return users.filter((u) => u.uid === self);
  }
  return wanted.flatMap((value) => {
    if (!/^\s*\d+\s*$/.test(value)) return [];
    const uid = Number(value);
    const local = users.filter((u) => u.uid === uid);
    if (local.length > 0 || ctx.paths.root !== '/') return local;
    return parsePasswd(runGetent('passwd', [String(uid)]) ?? '').map((e) => ({ uid: e.uid, directory: e.dir }));
  });
}
