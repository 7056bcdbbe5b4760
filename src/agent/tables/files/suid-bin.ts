import type { QueryContext, Row, TableImpl } from '../table.js';
import type { HostFs } from './host-fs.js';
import { createHostFs } from './host-fs.js';
import { readUtf8 } from '../lib/fs-read.js';
import { parseGroup, parsePasswd } from '../lib/etc-passwd.js';
import { appendPath } from './path-names.js';

/** osquery's kBinarySearchPaths, walked recursively in this order. */
export const binarySearchPaths = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/tmp'] as const;

const setUidBit = 0o4000;
const setGidBit = 0o2000;

/** "S" for set-user-ID, "G" for set-group-ID, "SG" for both, as osquery's genBin. */
export function describeSuidPermissions(mode: number): string {
  return `${mode & setUidBit ? 'S' : ''}${mode & setGidBit ? 'G' : ''}`;
}

interface Walk {
  readonly ctx: QueryContext;
  readonly fs: HostFs;
  readonly userName: (uid: number) => string;
  readonly groupName: (gid: number) => string;
}

/**
 * suid_bin: regular files with the set-user-ID or set-group-ID bit under
 * osquery's search paths, as its genSuidBin: each root is walked like
 * boost's recursive_directory_iterator (a root that is a symlink, such as
 * /bin on merged-/usr systems, is entered; symlinked subdirectories are not;
 * unreadable directories are skipped). Symlinks to such files are reported
 * under the link's path, with the target's owner and bits. Owner names come
 * from /etc/passwd and /etc/group, else the numeric id.
 */
export function* genSuidBin(ctx: QueryContext): Iterable<Row> {
  const users = new Map<number, string>();
  for (const u of parsePasswd(readUtf8(ctx.hostPath('/etc/passwd')) ?? '').reverse()) users.set(u.uid, u.name);
  const groups = new Map<number, string>();
  for (const g of parseGroup(readUtf8(ctx.hostPath('/etc/group')) ?? '').reverse()) groups.set(g.gid, g.name);
  const walk: Walk = {
    ctx,
    fs: createHostFs(ctx),
    userName: (uid) => users.get(uid) ?? String(uid),
    groupName: (gid) => groups.get(gid) ?? String(gid),
  };
  for (const root of binarySearchPaths) {
    if (!walk.fs.stat(root)) continue;
    yield* walkBinaries(walk, root);
  }
}

function* walkBinaries(walk: Walk, dir: string): Iterable<Row> {
  walk.ctx.checkDeadline();
  for (const entry of walk.fs.readdir(dir) ?? []) {
    const path = appendPath(dir, entry.name);
    if (entry.isDirectory()) {
      yield* walkBinaries(walk, path);
      continue;
    }
    if (!entry.isFile() && !entry.isSymbolicLink()) {
      // An unknown d_type: decide with lstat as the iterator does.
      const st = walk.fs.lstat(path);
      if (st?.isDirectory()) yield* walkBinaries(walk, path);
      if (!st?.isFile() && !st?.isSymbolicLink()) continue;
    }
    const st = walk.fs.stat(path);
    if (!st?.isFile()) continue;
    const mode = Number(st.mode);
    if ((mode & (setUidBit | setGidBit)) === 0) continue;
    yield {
      path,
      username: walk.userName(Number(st.uid)),
      groupname: walk.groupName(Number(st.gid)),
      permissions: describeSuidPermissions(mode),
      pid_with_namespace: 0,
    };
  }
}

export const suidBinTable: TableImpl = {
  name: 'suid_bin',
  generate: genSuidBin,
  reads: ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/tmp (recursively)', '/etc/passwd', '/etc/group'],
};
