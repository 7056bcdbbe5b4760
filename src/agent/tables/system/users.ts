import type { QueryContext, Row, TableImpl } from '../table.js';
import { readUtf8 } from '../lib/fs-read.js';
import { parseId, parsePasswd, toSignedId, type PasswdEntry } from '../lib/etc-passwd.js';
import { runGetent } from '../lib/getent.js';
import { listNamespaceViews } from './namespace-view.js';

/**
 * users: local accounts from /etc/passwd, as osquery's Linux generator
 * (which reads the file itself so that it never queries LDAP).
 * `username = X` (checked first) or `uid = N` narrows the rows; with
 * `include_remote = 1` accounts come from NSS instead (getent passwd), so
 * LDAP/SSSD users appear too. `pid_with_namespace = N` reads N's /etc/passwd.
 * `uuid` is empty on Linux.
 */
export function* genUsers(ctx: QueryContext): Iterable<Row> {
  if (isIncludeRemote(ctx) && !ctx.hasConstraint('pid_with_namespace') && ctx.paths.root === '/') {
    yield* genRemoteUsers(ctx);
    return;
  }
  const usernames = new Set(ctx.equals('username'));
  const uids = new Set(ctx.equals('uid').flatMap((u) => parseId(u) ?? []));
  for (const view of listNamespaceViews(ctx)) {
    const content = readUtf8(view.path('/etc/passwd'));
    if (content === undefined) {
      ctx.warn('could not open /etc/passwd file');
      continue;
    }
    for (const entry of parsePasswd(content)) {
      if (usernames.size > 0 ? !usernames.has(entry.name) : uids.size > 0 && !uids.has(entry.uid)) continue;
      yield toUserRow(entry, { pid: view.pid, includeRemote: 0 });
    }
  }
}

/** The NSS variant: one getent lookup per uid (or username) constraint, else the whole database. */
function* genRemoteUsers(ctx: QueryContext): Iterable<Row> {
  const uids = ctx.equals('uid').filter((u) => /^\d+$/.test(u));
  const names = ctx.equals('username');
  const keys = uids.length > 0 ? uids : names;
  if (keys.length === 0 && (ctx.hasConstraint('uid', '=') || ctx.hasConstraint('username', '='))) return;
  const output = runGetent('passwd', keys) ?? '';
  for (const entry of parsePasswd(output)) yield toUserRow(entry, { pid: 0, includeRemote: 1 });
}

/** osquery's `include_remote` test: an `=` constraint that 1 satisfies. */
function isIncludeRemote(ctx: QueryContext): boolean {
  const eq = ctx.constraints('include_remote').filter((c) => c.op === '=');
  return eq.length > 0 && eq.every((c) => Number(c.value) === 1);
}

function toUserRow(entry: PasswdEntry, extra: { pid: number; includeRemote: number }): Row {
  return {
    uid: entry.uid,
    gid: entry.gid,
    uid_signed: toSignedId(entry.uid),
    gid_signed: toSignedId(entry.gid),
    username: entry.name,
    description: entry.gecos,
    directory: entry.dir,
    shell: entry.shell,
    pid_with_namespace: extra.pid,
    include_remote: extra.includeRemote,
  };
}

export const usersTable: TableImpl = {
  name: 'users',
  generate: genUsers,
  reads: ['/etc/passwd', 'getent passwd (include_remote = 1)', '/proc/<pid>/root/etc/passwd (pid_with_namespace)'],
};
