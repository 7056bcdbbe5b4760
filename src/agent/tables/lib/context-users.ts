import type { QueryContext } from '../table.js';
import { readUtf8 } from './fs-read.js';
import { parsePasswd, type PasswdEntry } from './etc-passwd.js';
import { runGetent } from './getent.js';

export interface ContextUserOptions {
  /** The passwd file to read, already resolved (e.g. through a process's root); default ctx.hostPath('/etc/passwd'). */
  readonly passwdPath?: string;
  /** Columns besides uid whose constraint also silences the warning (the browser tables take username). */
  readonly userColumns?: readonly string[];
  /**
   * Whether a uid missing from the file is looked up through NSS (`getent passwd`),
   * as osquery's users table retries with include_remote; default: only on the real host.
   */
  readonly remoteLookup?: boolean;
}

/**
 * The users a user_data table (shell_history, authorized_keys, ssh_configs,
 * chrome_extensions, …) reads, as osquery's usersFromContext: for each
 * `uid = N` the passwd entries of N, or, without one, only the calling user
 * (real uid). Like osquery's virtual table it warns when the query has no
 * constraint on uid at all, since the answer then depends on who runs it.
 */
export function selectContextUsers(ctx: QueryContext, options: ContextUserOptions = {}): PasswdEntry[] {
  warnUnlessUserConstrained(ctx, options.userColumns);
  const users = parsePasswd(readUtf8(options.passwdPath ?? ctx.hostPath('/etc/passwd')) ?? '');
  const wanted = ctx.equals('uid');
  if (wanted.length === 0) {
    const self = process.getuid?.() ?? 0;
    return users.filter((u) => u.uid === self);
  }
  const remote = options.remoteLookup ?? ctx.paths.root === '/';
  return wanted.flatMap((value) => {
    if (!/^\s*[+-]?\d+\s*$/.test(value)) return [];
    const uid = Number(value);
    const local = users.filter((u) => u.uid === uid);
    if (local.length > 0 || !remote) return local;
    return parsePasswd(runGetent('passwd', [String(uid)]) ?? '');
  });
}

/** osquery's warning for a user_data table queried without a user constraint. */
export function warnUnlessUserConstrained(ctx: QueryContext, userColumns: readonly string[] = []): void {
  if (['uid', ...userColumns].some((c) => ctx.hasConstraint(c))) return;
  ctx.warn(`The ${ctx.table} table returns data based on the current user by default, consider JOINing against the users table`);
}
