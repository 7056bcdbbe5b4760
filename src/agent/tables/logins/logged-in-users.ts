import type { QueryContext, Row, TableImpl } from '../table.js';
import { readUtmpFile, utmpTypes, type UtmpRecord } from './utmp-record.js';

/** The `type` strings of osquery's logged_in_users (posix/logged_in_users.cpp), by ut_type. */
const loginTypeNames: Readonly<Record<number, string>> = {
  [utmpTypes.EMPTY]: 'empty',
  [utmpTypes.RUN_LVL]: 'runlevel',
  [utmpTypes.BOOT_TIME]: 'boot_time',
  [utmpTypes.NEW_TIME]: 'new_time',
  [utmpTypes.OLD_TIME]: 'old_time',
  [utmpTypes.INIT_PROCESS]: 'init',
  [utmpTypes.LOGIN_PROCESS]: 'login',
  [utmpTypes.USER_PROCESS]: 'user',
  [utmpTypes.DEAD_PROCESS]: 'dead',
  [utmpTypes.ACCOUNTING]: 'accounting',
};

/**
 * logged_in_users: every utmp record except those of pid 1 (init's boot and
 * run-level entries), whatever its type, as osquery's Linux generator returns
 * them; so closed sessions show as `dead` until their slot is reused. An
 * unlisted ut_type reads `unknown`. The Windows-only sid and registry_hive
 * stay empty. A missing utmp yields no rows.
 */
export function* genLoggedInUsers(ctx: QueryContext): Iterable<Row> {
  for (const record of readUtmpFile(ctx.paths.utmp)) {
    ctx.checkDeadline();
    const row = toLoggedInUserRow(record);
    if (row) yield row;
  }
}

/** The logged_in_users row for one utmp record, or undefined when osquery skips it. */
export function toLoggedInUserRow(record: UtmpRecord): Row | undefined {
  if (record.pid === 1) return undefined;
  return {
    type: loginTypeNames[record.type] ?? 'unknown',
    user: record.user,
    tty: record.line,
    host: record.host,
    time: record.tvSec,
    pid: record.pid,
  };
}

export const loggedInUsersTable: TableImpl = {
  name: 'logged_in_users',
  generate: genLoggedInUsers,
  reads: ['/var/run/utmp (paths.utmp)'],
};
