import type { QueryContext, Row, TableImpl } from '../table.js';
import { listOpenSockets } from './open-sockets.js';

/**
 * process_open_sockets: one row per socket of every network namespace in use,
 * with the pid and fd holding it (-1 when none does). `pid = N` reads only
 * those processes and returns only their sockets.
 */
export function* genProcessOpenSockets(ctx: QueryContext): Iterable<Row> {
  for (const s of listOpenSockets(ctx, ctx.equals('pid'))) {
    yield {
      pid: s.pid,
      fd: s.fd,
      socket: s.socket,
      family: s.family,
      protocol: s.protocol,
      local_address: s.localAddress,
      remote_address: s.remoteAddress,
      local_port: s.localPort,
      remote_port: s.remotePort,
      path: s.path,
      state: s.state,
      net_namespace: s.netNamespace,
    };
  }
}

export const processOpenSocketsTable: TableImpl = {
  name: 'process_open_sockets',
  generate: genProcessOpenSockets,
  reads: [
    '/proc/<pid>/fd/* (socket:[inode] links)',
    '/proc/<pid>/ns/net',
    '/proc/<pid>/net/{icmp,tcp,udp,udplite,raw}[6], unix, packet (once per network namespace)',
  ],
  needsRoot: true,
};
