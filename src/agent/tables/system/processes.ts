import { join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { pathExists, readLink, readProcFile } from '../lib/fs-read.js';
import {
  clockTicksPerSecond,
  listPids,
  parseKeyValueLines,
  parseProcCgroup,
  parseProcStat,
  readBootTime,
} from '../lib/proc.js';

const deletedSuffix = ' (deleted)';

/**
 * processes: one row per /proc/<pid>, as osquery's Linux generator fills it.
 * `pid = N` reads only /proc/N. Files whose columns the query does not read
 * are not opened.
 */
export function* genProcesses(ctx: QueryContext): Iterable<Row> {
  const procRoot = ctx.hostPath('/proc');
  const wanted = ctx.equals('pid');
  const pids = wanted.length > 0 ? wanted.filter((p) => /^\d+$/.test(p)) : listPids(procRoot);
  const bootTime = readBootTime(procRoot);
  const use = {
    path: ctx.isColumnUsed('path') || ctx.isColumnUsed('on_disk'),
    cmdline: ctx.isColumnUsed('cmdline'),
    cwd: ctx.isColumnUsed('cwd'),
    root: ctx.isColumnUsed('root'),
    io: ctx.isColumnUsed('disk_bytes_read') || ctx.isColumnUsed('disk_bytes_written'),
    cgroup: ctx.isColumnUsed('cgroup_path'),
  };
  const onDisk = new Map<string, boolean>();
  const exists = (path: string): boolean => {
    let known = onDisk.get(path);
    if (known === undefined) onDisk.set(path, (known = pathExists(path)));
    return known;
  };
  for (const pid of pids) {
    ctx.checkDeadline();
    const row = readProcess(join(procRoot, pid), pid, bootTime, use, exists);
    if (row) yield row;
  }
}

interface ColumnUse {
  readonly path: boolean;
  readonly cmdline: boolean;
  readonly cwd: boolean;
  readonly root: boolean;
  readonly io: boolean;
  readonly cgroup: boolean;
}

function readProcess(dir: string, pid: string, bootTime: number, use: ColumnUse, exists: (path: string) => boolean): Row | undefined {
  const statText = readProcFile(dir + '/stat');
  const stat = statText === undefined ? undefined : parseProcStat(statText);
  const statusText = readProcFile(dir + '/status');
  if (!stat || statusText === undefined) return undefined;
  const uids = (statusField(statusText, 'Uid') ?? '').split('\t');
  const gids = (statusField(statusText, 'Gid') ?? '').split('\t');
  const startTicks = Number(stat[19]);

  const row: Record<string, string | number> = {
    pid,
    name: statusField(statusText, 'Name') ?? '',
    state: stat[0] ?? '',
    parent: stat[1] ?? '',
    pgroup: stat[2] ?? '',
    nice: stat[16] ?? '',
    threads: stat[17] ?? '',
    uid: uids[0] ?? '',
    euid: uids[1] ?? '',
    suid: uids[2] ?? '',
    gid: gids[0] ?? '',
    egid: gids[1] ?? '',
    sgid: gids[2] ?? '',
    wired_size: 0,
    // osquery strips the " kB" unit and appends "000".
    resident_size: kbField(statusField(statusText, 'VmRSS')),
    total_size: kbField(statusField(statusText, 'VmSize')),
    user_time: (Number(stat[11]) * 1000) / clockTicksPerSecond,
    system_time: (Number(stat[12]) * 1000) / clockTicksPerSecond,
    start_time: Number.isFinite(startTicks) && bootTime > 0 ? bootTime + Math.floor(startTicks / clockTicksPerSecond) : -1,
  };
  if (use.path) {
    const resolved = resolveOnDisk(readLink(dir + '/exe'), exists);
    row.path = resolved.path;
    row.on_disk = resolved.onDisk;
  }
  if (use.cmdline) row.cmdline = (readProcFile(dir + '/cmdline') ?? '').replaceAll('\0', ' ').trim();
  if (use.cwd) row.cwd = readLink(dir + '/cwd');
  if (use.root) row.root = readLink(dir + '/root');
  if (use.cgroup) row.cgroup_path = parseProcCgroup(readProcFile(dir + '/cgroup') ?? '');
  if (use.io) {
    const ioText = readProcFile(dir + '/io');
    if (ioText !== undefined) {
      const io = parseKeyValueLines(ioText);
      row.disk_bytes_read = io.get('read_bytes') ?? '';
      row.disk_bytes_written = Number(io.get('write_bytes') ?? 0) - Number(io.get('cancelled_write_bytes') ?? 0);
    }
  }
  return row;
}

/** The trimmed value of one `Key:\tvalue` line of /proc/<pid>/status, without parsing the rest. */
function statusField(status: string, key: string): string | undefined {
  const at = status.startsWith(key + ':') ? 0 : status.indexOf('\n' + key + ':') + 1;
  if (at === 0 && !status.startsWith(key + ':')) return undefined;
  const start = at + key.length + 1;
  const end = status.indexOf('\n', start);
  return status.slice(start, end < 0 ? undefined : end).trim();
}

function kbField(value: string | undefined): string {
  if (!value) return '';
  const digits = value.replace(/\s*kB$/, '').trim();
  return digits === '' ? '' : digits + '000';
}

/** on_disk as osquery computes it: -1 unknown, 1 present, 0 deleted; " (deleted)" is stripped. */
function resolveOnDisk(path: string, exists: (path: string) => boolean): { path: string; onDisk: number } {
  if (path === '') return { path, onDisk: -1 };
  if (!path.endsWith(deletedSuffix)) return { path, onDisk: exists(path) ? 1 : 0 };
  if (!exists(path)) return { path: path.slice(0, -deletedSuffix.length), onDisk: 0 };
  return { path, onDisk: 1 };
}

export const processesTable: TableImpl = {
  name: 'processes',
  generate: genProcesses,
  reads: ['/proc/<pid>/{stat,status,cmdline,exe,cwd,root,io,cgroup}', '/proc/stat (btime)'],
};
