import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText, readUtf8 } from '../lib/fs-read.js';
import { parsePasswd } from '../lib/etc-passwd.js';
import { runGetent } from '../lib/getent.js';

/** SHM_DEST and SHM_LOCKED, kept in the segment's mode bits. */
const shmDest = 0o1000;
const shmLocked = 0o2000;

/** One segment of /proc/sysvipc/shm, by the header's column names. */
export type ShmSegment = ReadonlyMap<string, string>;

/** Parses /proc/sysvipc/shm: a header naming the columns, then one line per segment. */
export function parseSysvipcShm(content: string): ShmSegment[] {
  const [header = '', ...lines] = content.split('\n');
  const names = header.trim().split(/\s+/);
  return lines
    .map((line) => line.trim().split(/\s+/))
    .filter((values) => values.length >= names.length)
    .map((values) => new Map(names.map((n, i) => [n, values[i] ?? ''])));
}

/**
 * osquery's lsperms: the mode's low twelve bits as four octal digits
 * (`1600` for a segment marked for destruction with mode 600).
 */
export function formatShmPermissions(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/**
 * The row osquery's genSharedMemory makes from shmctl(SHM_STAT). The owner
 * and creator uids are set only when getpwuid() knows the user, which the
 * caller answers through `knownUid`.
 */
export function buildShmRow(seg: ShmSegment, knownUid: (uid: string) => boolean): Row {
  const mode = parseInt(seg.get('perms') ?? '', 8) || 0;
  const row: Record<string, string | number> = {
    shmid: seg.get('shmid') ?? '',
    pid: seg.get('lpid') ?? '',
    creator_pid: seg.get('cpid') ?? '',
    atime: seg.get('atime') ?? '',
    dtime: seg.get('dtime') ?? '',
    ctime: seg.get('ctime') ?? '',
    permissions: formatShmPermissions(mode),
    size: seg.get('size') ?? '',
    attached: seg.get('nattch') ?? '',
    status: mode & shmDest ? 'dest' : '',
    locked: mode & shmLocked ? 1 : 0,
  };
  const uid = seg.get('uid') ?? '';
  const cuid = seg.get('cuid') ?? '';
  if (knownUid(uid)) row.owner_uid = uid;
  if (knownUid(cuid)) row.creator_uid = cuid;
  return row;
}

/**
 * The uids getpwuid() resolves among `wanted`: those of /etc/passwd, and on
 * the real host those NSS (getent) knows besides.
 */
function resolveKnownUids(ctx: QueryContext, wanted: ReadonlySet<string>): Set<string> {
  const known = new Set(parsePasswd(readUtf8(ctx.hostPath('/etc/passwd')) ?? '').map((e) => String(e.uid)));
  const missing = [...wanted].filter((uid) => !known.has(uid) && /^\d+$/.test(uid));
  if (missing.length > 0 && ctx.paths.root === '/') {
    for (const e of parsePasswd(runGetent('passwd', missing) ?? '')) known.add(String(e.uid));
  }
  return known;
}

/** shared_memory: the System V shared memory segments of the agent's IPC namespace. */
export function* genSharedMemory(ctx: QueryContext): Iterable<Row> {
  const segments = parseSysvipcShm(readText(ctx.hostPath('/proc/sysvipc/shm')) ?? '');
  if (segments.length === 0) return;
  const known = resolveKnownUids(ctx, new Set(segments.flatMap((s) => [s.get('uid') ?? '', s.get('cuid') ?? ''])));
  for (const seg of segments) yield buildShmRow(seg, (uid) => known.has(uid));
}

export const sharedMemoryTable: TableImpl = {
  name: 'shared_memory',
  generate: genSharedMemory,
  reads: ['/proc/sysvipc/shm', '/etc/passwd', 'getent passwd <uid> (uids not in /etc/passwd)'],
  needsRoot: true,
};
