import type { QueryContext } from '../table.js';
import { readPasswd, type PasswdEntry } from './passwd.js';

/**
 * The users a user_data table (shell_history, authorized_keys, …) reads, as
 * osquery's usersFromContext: the /etc/passwd entries of each `uid = N`, or,
 * without an `=` on uid, only the calling user (by real uid). Like osquery's
 * virtual table, it warns when the query has no constraint on uid at all.
 */
export function selectContextUsers(ctx: QueryContext): PasswdEntry[] {
  if (!ctx.hasConstraint('uid')) {
    ctx.warn(`The ${ctx.table} table returns data based on the current user by default, consider JOINing against the users table`);
  }
  const users = readPasswd(ctx);
  const wanted = ctx.equals('uid');
  if (wanted.length > 0) {
    return wanted.flatMap((value) => {
      const uid = parseUid(value);
      return uid === undefined ? [] : users.filter((u) => u.uid === uid);
    });
  }
  const self = process.getuid?.() ?? 0;
  return users.filter((u) => u.uid === self);
}

/** osquery's tryTo<long>(uid, 10) on a constraint value. */
function parseUid(value: string): number | undefined {
  const trimmed = value.trim();
  return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}
