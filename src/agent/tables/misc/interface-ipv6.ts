import { join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { listDir, readText } from '../lib/fs-read.js';

/** The /proc/sys/net/ipv6/conf/<if>/ file behind each column. */
const confFiles = {
  hop_limit: 'hop_limit',
  forwarding_enabled: 'forwarding',
  redirect_accept: 'accept_redirects',
  rtadv_accept: 'accept_ra',
} as const;

type ConfColumn = keyof typeof confFiles;

/** One interface's setting as osquery's getIpv6Config reads it: the trimmed integer, or -1 when missing or not a number. */
export type Ipv6ConfReader = (iface: string, column: ConfColumn) => number;

/**
 * The row osquery's genIpv6FromIntf makes. The effective values combine the
 * interface's setting with the global `all` one the way the kernel does (see
 * ip-sysctl.txt): redirects are ANDed with `all` on a forwarding interface
 * and ORed otherwise; router advertisements are accepted when accept_ra is 2,
 * or when it is set and the interface does not forward. As in osquery's C++,
 * a missing value (-1) counts as true in those tests.
 */
export function buildIpv6Row(iface: string, read: Ipv6ConfReader): Row {
  const forwarding = read(iface, 'forwarding_enabled');
  const redirect = read('all', 'redirect_accept');
  const ifaceRedirect = read(iface, 'redirect_accept');
  const rtadv = read(iface, 'rtadv_accept');
  return {
    interface: iface,
    hop_limit: read(iface, 'hop_limit'),
    forwarding_enabled: forwarding,
    redirect_accept: forwarding !== 0 ? Number(redirect !== 0 && ifaceRedirect !== 0) : Number(redirect !== 0 || ifaceRedirect !== 0),
    rtadv_accept: rtadv === 2 ? 1 : Number(rtadv !== 0 && forwarding === 0),
  };
}

/** Reads /proc/sys/net/ipv6/conf/<if>/<file> under a root (tryTo<int> of the trimmed text, else -1). */
export function createIpv6ConfReader(confDir: string): Ipv6ConfReader {
  return (iface, column) => {
    const text = readText(join(confDir, iface, confFiles[column]))?.trim();
    return text !== undefined && /^[+-]?\d+$/.test(text) && Math.abs(Number(text)) <= 2 ** 31 - 1 ? Number(text) : -1;
  };
}

/**
 * The network interfaces osquery's genInterfaceDetails lists (one per
 * AF_PACKET address of getifaddrs): the devices of /sys/class/net in ifindex
 * order, entries without an ifindex (bonding_masters) excluded.
 */
export function listInterfaces(sysClassNet: string): string[] {
  return listDir(sysClassNet)
    .map((name) => ({ name, ifindex: Number(readText(join(sysClassNet, name, 'ifindex'))?.trim()) }))
    .filter((d) => Number.isInteger(d.ifindex) && d.ifindex > 0)
    .sort((a, b) => a.ifindex - b.ifindex)
    .map((d) => d.name);
}

/** interface_ipv6: one row per interface, with -1 for settings an interface lacks (no IPv6 on it). */
export function* genInterfaceIpv6(ctx: QueryContext): Iterable<Row> {
  const read = createIpv6ConfReader(ctx.hostPath('/proc/sys/net/ipv6/conf'));
  for (const iface of listInterfaces(ctx.hostPath('/sys/class/net'))) yield buildIpv6Row(iface, read);
}

export const interfaceIpv6Table: TableImpl = {
  name: 'interface_ipv6',
  generate: genInterfaceIpv6,
  reads: ['/sys/class/net/<if>/ifindex', '/proc/sys/net/ipv6/conf/{all,<if>}/{hop_limit,forwarding,accept_redirects,accept_ra}'],
};
