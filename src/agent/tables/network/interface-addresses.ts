import { join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText } from '../lib/fs-read.js';
import { parseIfInet6, sortInet6Addresses } from './if-inet6.js';
import { formatIpv4, formatIpv6, ipv4ToNumber, isLinkLocalIpv6, numberToIpv4, prefixToMaskBytes } from './inet-format.js';
import { labelDevice, listIpv4Addresses, type Ipv4Address } from './ipv4-addresses.js';
import { IFF, readDeviceFlags } from './sys-class-net.js';

/**
 * interface_addresses: one row per IPv4 and IPv6 address, IPv4 first, as
 * osquery lists getifaddrs' AF_INET and AF_INET6 entries. type is always
 * 'unknown' on Linux.
 *
 * IPv4 broadcast / point_to_point: glibc fills the entry's destination with
 * the broadcast address when one is set, else with the address itself, and
 * osquery files it under broadcast when the device has IFF_BROADCAST, else
 * under point_to_point. Without netlink the broadcast is taken to be the
 * standard one of the prefix (/31 and /32 have none, so the address itself),
 * and the peer of a point-to-point link to be the address (true for
 * loopback, WireGuard and tun devices without a configured peer).
 *
 * IPv6 comes from /proc/net/if_inet6 (every address, in netlink order);
 * link-local addresses carry `%<device>` as getnameinfo prints them.
 */
export function* genInterfaceAddresses(ctx: QueryContext): Iterable<Row> {
  const sysClassNet = ctx.hostPath('/sys/class/net');
  const flagsCache = new Map<string, number>();
  const flagsOf = (device: string): number => {
    let flags = flagsCache.get(device);
    if (flags === undefined) {
      flags = readDeviceFlags(join(sysClassNet, device)) ?? 0;
      flagsCache.set(device, flags);
    }
    return flags;
  };
  for (const a of listIpv4Addresses(ctx)) yield buildIpv4Row(a, flagsOf(labelDevice(a.interface)));
  for (const a of sortInet6Addresses(parseIfInet6(readText(ctx.hostPath('/proc/net/if_inet6')) ?? ''))) {
    yield {
      interface: a.interface,
      address: formatIpv6(a.bytes) + (isLinkLocalIpv6(a.bytes) ? `%${a.interface}` : ''),
      mask: formatIpv6(prefixToMaskBytes(a.prefixLength, 16)),
      type: 'unknown',
    };
  }
}

/** The row of one IPv4 address given its device's flags. */
export function buildIpv4Row(a: Ipv4Address, deviceFlags: number): Row {
  const row: Record<string, string> = {
    interface: a.interface,
    address: a.address,
    mask: formatIpv4(prefixToMaskBytes(a.prefixLength, 4)),
    type: 'unknown',
  };
  if ((deviceFlags & IFF.BROADCAST) !== 0) row.broadcast = standardBroadcast(a);
  else row.point_to_point = a.address;
  return row;
}

function standardBroadcast(a: Ipv4Address): string {
  const n = ipv4ToNumber(a.address);
  if (n === undefined || a.prefixLength >= 31) return a.address;
  const hostBits = 2 ** (32 - a.prefixLength);
  return numberToIpv4(Math.floor(n / hostBits) * hostBits + hostBits - 1);
}

export const interfaceAddressesTable: TableImpl = {
  name: 'interface_addresses',
  generate: genInterfaceAddresses,
  reads: [
    'os.networkInterfaces() (IPv4)',
    '/proc/net/fib_trie, /proc/net/route (IPv4 of links without carrier)',
    '/proc/net/if_inet6',
    '/sys/class/net/<if>/flags',
  ],
};
