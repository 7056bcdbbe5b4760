import type { QueryContext, Row, TableImpl } from '../table.js';
import { readUtmpFile, utmpTypes, type UtmpRecord } from './utmp-record.js';

/** The type_name strings of osquery's `last` (posix/last.cpp), by ut_type. */
const lastTypeNames: Readonly<Record<number, string>> = {
  [utmpTypes.EMPTY]: 'empty',
  [utmpTypes.RUN_LVL]: 'run-level',
  [utmpTypes.BOOT_TIME]: 'boot-time',
  [utmpTypes.NEW_TIME]: 'new-time',
  [utmpTypes.OLD_TIME]: 'old-time',
  [utmpTypes.INIT_PROCESS]: 'init-process',
  [utmpTypes.LOGIN_PROCESS]: 'login-process',
  [utmpTypes.USER_PROCESS]: 'user-process',
  [utmpTypes.DEAD_PROCESS]: 'dead-process',
};

/**
 * last: the login (USER_PROCESS) and logout (DEAD_PROCESS) records of wtmp,
 * in file order, as osquery's Linux generator returns them; every other
 * record type (boot, run level, login prompts, …) is skipped. `time` is
 * ut_tv.tv_sec in seconds. A missing wtmp yields no rows.
 */
export function* genLast(ctx: QueryContext): Iterable<Row> {
  for (const record of readUtmpFile(ctx.paths.wtmp)) {
    ctx.checkDeadline();
    const row = toLastRow(record);
    if (row) yield row;
  }
}

/** The `last` row for one wtmp record, or undefined when osquery skips the record. */
export function toLastRow(record: UtmpRecord): Row | undefined {
  if (record.type !== utmpTypes.USER_PROCESS && record.type !== utmpTypes.DEAD_PROCESS) return undefined;
  return {
    username: record.user,
    tty: record.line,
    pid: record.pid,
    type: record.type,
    type_name: lastTypeNames[record.type] ?? '',
    time: record.tvSec,
    host: record.host,
  };
}

export const lastTable: TableImpl = {
  name: 'last',
  generate: genLast,
  reads: ['/var/log/wtmp (paths.wtmp)'],
};
