import { join } from 'node:path';
import type { QueryContext } from '../table.js';
import { readText } from '../lib/fs-read.js';
import { listPids } from '../lib/proc.js';
import {
  inetSocketFiles,
  parseInetSocketList,
  parsePacketSocketList,
  parseUnixSocketList,
  type SocketInfo,
} from './proc-net-sockets.js';
import { collectSocketOwners, readNetNamespace, type SocketOwner } from './socket-owners.js';

/** A socket with its owner; pid and fd are '-1' for a socket no process in the list holds. */
export interface OpenSocket extends SocketInfo {
  readonly pid: string;
  readonly fd: string;
}

/**
 * The sockets of every network namespace the given processes live in, the
 * way osquery's genOpenSockets correlates three sources:
 * 1. /proc/<pid>/fd links `socket:[inode]` give inode → (pid, fd);
 * 2. /proc/<pid>/ns/net gives each process's namespace;
 * 3. for the first process seen in each namespace, /proc/<pid>/net/{icmp,tcp,
 *    udp,udplite,raw}[6], unix and packet list every socket of that namespace.
 *
 * With `pids` (osquery's `pid = N` pushdown, unless one of them is -1) only
 * those processes are read and only sockets they hold are returned; without,
 * every process is read and sockets nobody holds get pid and fd -1.
 * Processes are visited in string order, as osquery's std::set does, which
 * decides the owner of a socket shared by several processes (the last one).
 */
export function* listOpenSockets(ctx: QueryContext, pids?: readonly string[]): Generator<OpenSocket> {
  const procRoot = ctx.hostPath('/proc');
  const filtered = pids !== undefined && pids.length > 0 && !pids.includes('-1');
  const visit = (filtered ? [...new Set(pids)].filter((p) => /^\d+$/.test(p)) : listPids(procRoot)).sort();

  const owners = new Map<string, SocketOwner>();
  const seenNamespaces = new Set<string>();
  const sockets: SocketInfo[] = [];
  for (const pid of visit) {
    ctx.checkDeadline();
    collectSocketOwners(procRoot, pid, owners);
    const ns = readNetNamespace(procRoot, pid);
    if (seenNamespaces.has(ns)) continue;
    seenNamespaces.add(ns);
    readNamespaceSockets(join(procRoot, pid, 'net'), ns, sockets);
  }

  for (const info of sockets) {
    const owner = owners.get(info.socket);
    if (owner) yield { ...info, pid: owner.pid, fd: owner.fd };
    else if (!filtered) yield { ...info, pid: '-1', fd: '-1' };
  }
}

/** Appends the sockets listed under one /proc/<pid>/net directory; unreadable or malformed files add nothing. */
function readNamespaceSockets(netDir: string, ns: string, out: SocketInfo[]): void {
  for (const { file, family, protocol } of inetSocketFiles) {
    const content = readText(join(netDir, file));
    if (content !== undefined) append(out, parseInetSocketList(content, { family, protocol, netNamespace: ns }));
  }
  const unix = readText(join(netDir, 'unix'));
  if (unix !== undefined) append(out, parseUnixSocketList(unix, ns));
  const packet = readText(join(netDir, 'packet'));
  if (packet !== undefined) append(out, parsePacketSocketList(packet, ns));
}

/** Appends without spreading: a busy host lists tens of thousands of unix sockets. */
function append(out: SocketInfo[], items: readonly SocketInfo[] | undefined): void {
  for (const item of items ?? []) out.push(item);
}
