import type { QueryContext, Row, TableImpl } from '../table.js';
import { listOpenSockets } from './open-sockets.js';
import { AF_INET, AF_INET6, AF_UNIX } from './proc-net-sockets.js';

/**
 * listening_ports, derived from every open socket as osquery derives it from
 * `select * from process_open_sockets`: IPv4/IPv6 sockets whose remote port
 * is 0 (TCP in LISTEN, but also bound UDP, raw, and bound-but-idle TCP) and
 * named AF_UNIX sockets (port 0, socket 0); anonymous unix sockets are
 * skipped. Other families (AF_PACKET) pass through with port 0.
 */
export function* genListeningPorts(ctx: QueryContext): Iterable<Row> {
  for (const s of listOpenSockets(ctx)) {
    if (s.family === AF_UNIX && s.path === '') continue;
    if ((s.family === AF_INET || s.family === AF_INET6) && s.remotePort !== 0) continue;
    const common = { pid: s.pid, protocol: s.protocol, family: s.family, fd: s.fd, net_namespace: s.netNamespace };
    if (s.family === AF_UNIX) yield { ...common, port: 0, path: s.path, socket: 0 };
    else yield { ...common, address: s.localAddress, port: s.localPort, socket: s.socket };
  }
}

export const listeningPortsTable: TableImpl = {
  name: 'listening_ports',
  generate: genListeningPorts,
  reads: ['process_open_sockets (all sockets, no pid filter)'],
  needsRoot: true,
};
