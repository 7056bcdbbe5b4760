import type { QueryContext } from '../table.js';
import { readLocalUsers, type LocalUser } from './local-users.js';

/**
 * The users a user_data table (ssh_configs, user_ssh_keys, known_hosts)
 * reads, as osquery's usersFromContext: with `uid = N` constraints, each
 * such user of /etc/passwd (the first entry, as getpwuid(3) answers);
 * otherwise only the calling user (real uid).
 * Like osquery's virtual table it warns when the query has no constraint on
 * uid at all, since the answer then depends on who runs it.
 */
export function selectQueryUsers(ctx: QueryContext): LocalUser[] {
  if (!ctx.hasConstraint('uid')) {
    ctx.warn(`The ${ctx.table} table returns data based on the current user by default, consider JOINing against the users table`);
  }
  const users = readLocalUsers(ctx);
  if (ctx.hasConstraint('uid', '=')) {
    return ctx.equals('uid').flatMap((value) => {
      const uid = parseUid(value);
      const user = uid === undefined ? undefined : users.find((u) => u.uid === uid);
      return user ? [user] : [];
    });
  }
  const self = process.getuid?.() ?? 0;
  const user = users.find((u) => u.uid === self);
  return user ? [user] : [];
}

/** A uid constraint value as osquery's users table reads it (base 10, whole string). */
function parseUid(value: string): number | undefined {
  const trimmed = value.trim();
  return /^\+?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}
