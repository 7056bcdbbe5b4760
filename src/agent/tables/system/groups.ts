import type { QueryContext, Row, TableImpl } from '../table.js';
import { readUtf8 } from '../lib/fs-read.js';
import { parseGroup, parseId, toSignedId, type GroupEntry } from '../lib/etc-passwd.js';
import { listNamespaceViews } from './namespace-view.js';

/**
 * groups: local groups from /etc/group, one row per gid (the first entry
 * wins, as osquery's getgrent loop keeps the first group it sees for a gid).
 * `gid = N` returns the group getgrgid would (the first with that gid).
 * `pid_with_namespace = N` reads N's /etc/group.
 */
export function* genGroups(ctx: QueryContext): Iterable<Row> {
  const wanted = ctx.hasConstraint('gid', '=') ? ctx.equals('gid').flatMap((g) => parseId(g) ?? []) : undefined;
  for (const view of listNamespaceViews(ctx)) {
    const content = readUtf8(view.path('/etc/group'));
    if (content === undefined) continue;
    const firstByGid = new Map<number, GroupEntry>();
    for (const entry of parseGroup(content)) if (!firstByGid.has(entry.gid)) firstByGid.set(entry.gid, entry);
    const gids = wanted ?? [...firstByGid.keys()];
    for (const gid of new Set(gids)) {
      const entry = firstByGid.get(gid);
      if (entry) yield { gid: entry.gid, gid_signed: toSignedId(entry.gid), groupname: entry.name, pid_with_namespace: view.pid };
    }
  }
}

export const groupsTable: TableImpl = {
  name: 'groups',
  generate: genGroups,
  reads: ['/etc/group', '/proc/<pid>/root/etc/group (pid_with_namespace)'],
};
