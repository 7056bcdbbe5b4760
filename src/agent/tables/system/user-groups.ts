import type { QueryContext, Row, TableImpl } from '../table.js';
import { readUtf8 } from '../lib/fs-read.js';
import { parseGroup, parseId, parsePasswd, type GroupEntry, type PasswdEntry } from '../lib/etc-passwd.js';

/**
 * user_groups: one row per (uid, gid) a user belongs to, in the order
 * getgrouplist(3) returns them: the primary gid from /etc/passwd first, then
 * each /etc/group entry listing the user by name (gids already listed are
 * not repeated). Users sharing a uid count once (the first entry), as in
 * osquery's getpwent loop; `uid = N` looks up the first entry with that uid.
 */
export function* genUserGroups(ctx: QueryContext): Iterable<Row> {
  const users = parsePasswd(readUtf8(ctx.hostPath('/etc/passwd')) ?? '');
  const memberships = indexMemberships(parseGroup(readUtf8(ctx.hostPath('/etc/group')) ?? ''));
  const firstByUid = new Map<number, PasswdEntry>();
  for (const user of users) if (!firstByUid.has(user.uid)) firstByUid.set(user.uid, user);
  const uids = ctx.hasConstraint('uid', '=') ? ctx.equals('uid').flatMap((u) => parseId(u) ?? []) : [...firstByUid.keys()];
  for (const uid of new Set(uids)) {
    ctx.checkDeadline();
    const user = firstByUid.get(uid);
    if (!user) continue;
    for (const gid of listGroupIds(user, memberships)) yield { uid: user.uid, gid };
  }
}

/** Member name → gids of the /etc/group entries that list it, in file order. */
export function indexMemberships(groups: readonly GroupEntry[]): Map<string, number[]> {
  const byMember = new Map<string, number[]>();
  for (const group of groups) {
    for (const member of group.members) {
      const gids = byMember.get(member);
      if (gids) gids.push(group.gid);
      else byMember.set(member, [group.gid]);
    }
  }
  return byMember;
}

/** getgrouplist(user.name, user.gid): the primary gid, then each supplementary gid once. */
export function listGroupIds(user: PasswdEntry, memberships: ReadonlyMap<string, readonly number[]>): number[] {
  const ids = new Set([user.gid]);
  for (const gid of memberships.get(user.name) ?? []) ids.add(gid);
  return [...ids];
}

export const userGroupsTable: TableImpl = {
  name: 'user_groups',
  generate: genUserGroups,
  reads: ['/etc/passwd', '/etc/group'],
};
