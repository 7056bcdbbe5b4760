import { join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText } from '../lib/fs-read.js';
import { parseFibTrie, type FibEntry } from './fib-trie.js';
import { ipv4ToNumber, numberToIpv4 } from './inet-format.js';
import { containsIpv4, labelDevice, listIpv4Addresses, type Ipv4Address } from './ipv4-addresses.js';
import { parseIpv6Route, parseProcRoute, type ProcRoute, type RouteKind } from './proc-routes.js';
import { isCarrierDown } from './sys-class-net.js';

/** RTNH_F_LINKDOWN: the route's device is up without carrier. */
const RTNH_F_LINKDOWN = 16;

const typeNames: Readonly<Record<RouteKind, string>> = {
  unicast: 'gateway',
  local: 'local',
  broadcast: 'broadcast',
  anycast: 'anycast',
  multicast: 'other',
  reject: 'other',
};

/** A route with the prefsrc netlink would report ('' when none). */
interface RouteWithSource extends ProcRoute {
  readonly source: string;
}

/**
 * routes: what osquery's RTM_GETROUTE dump of every table returns, rebuilt
 * from /proc: the IPv4 main table (/proc/net/route), the IPv4 local table
 * (local and broadcast routes of /proc/net/fib_trie, placed on the device
 * of the address they belong to), then every IPv6 table (/proc/net/ipv6_route).
 * Columns follow osquery: netmask is the prefix length but 0 for host
 * routes (/32, /128); gateway and source are '' when the route has none;
 * type is gateway (any unicast route), local, broadcast, anycast or other;
 * flags are the rtm_flags, of which only RTNH_F_LINKDOWN (16) can be
 * derived here; hopcount is 0. source is known for the kernel's connected
 * and local IPv4 routes (the interface address), not for routes given an
 * explicit `src`. Tables other than main and local are not read.
 */
export function* genRoutes(ctx: QueryContext): Iterable<Row> {
  const addresses = listIpv4Addresses(ctx);
  const sysClassNet = ctx.hostPath('/sys/class/net');
  const linkDown = new Map<string, boolean>();
  const isLinkDown = (device: string): boolean => {
    let down = linkDown.get(device);
    if (down === undefined) {
      down = device !== '' && isCarrierDown(join(sysClassNet, device));
      linkDown.set(device, down);
    }
    return down;
  };

  const main = parseProcRoute(readText(ctx.hostPath('/proc/net/route')) ?? '').map((r) => ({ ...r, source: connectedSource(r, addresses) }));
  const local = parseFibTrie(readText(ctx.hostPath('/proc/net/fib_trie')) ?? '')
    .filter((e) => e.table === 'Local' && (e.type === 'LOCAL' || e.type === 'BROADCAST'))
    .map((e) => placeLocalRoute(e, addresses));
  const v6 = parseIpv6Route(readText(ctx.hostPath('/proc/net/ipv6_route')) ?? '').map((r) => ({ ...r, source: '' }));

  for (const r of [...main, ...local, ...v6]) {
    ctx.checkDeadline();
    yield buildRouteRow(r, r.kind !== 'local' && isLinkDown(r.interface));
  }
}

function buildRouteRow(r: RouteWithSource, linkDown: boolean): Row {
  const hostLength = r.family === 'inet' ? 32 : 128;
  const row: Record<string, string | number> = {
    destination: r.destination,
    netmask: r.prefixLength === hostLength ? 0 : r.prefixLength,
    flags: linkDown ? RTNH_F_LINKDOWN : 0,
    interface: r.interface,
    mtu: r.mtu,
    metric: r.metric,
    type: typeNames[r.kind],
    hopcount: 0,
  };
  if (r.gateway !== '') row.gateway = r.gateway;
  if (r.source !== '') row.source = r.source;
  return row;
}

function networkOf(a: Ipv4Address): string {
  const n = ipv4ToNumber(a.address) ?? 0;
  const size = 2 ** (32 - a.prefixLength);
  return numberToIpv4(Math.floor(n / size) * size);
}

function broadcastOf(a: Ipv4Address): string {
  const size = 2 ** (32 - a.prefixLength);
  return numberToIpv4((ipv4ToNumber(networkOf(a)) ?? 0) + size - 1);
}

/** The prefsrc of a connected route: the device's address whose prefix the route is. */
function connectedSource(r: ProcRoute, addresses: readonly Ipv4Address[]): string {
  if (r.gateway !== '' || r.kind !== 'unicast' || r.prefixLength >= 32) return '';
  const a = addresses.find(
    (x) => labelDevice(x.interface) === r.interface && x.prefixLength === r.prefixLength && networkOf(x) === r.destination,
  );
  return a?.address ?? '';
}

/** A local-table entry with the device and source of the address it was created for. */
function placeLocalRoute(e: FibEntry, addresses: readonly Ipv4Address[]): RouteWithSource {
  let owner: Ipv4Address | undefined;
  if (e.type === 'LOCAL') {
    owner =
      e.prefixLength === 32
        ? addresses.find((a) => a.address === e.address)
        : addresses.find((a) => containsIpv4(e.address, e.prefixLength, a.address));
  } else {
    owner = addresses.find((a) => a.prefixLength < 31 && (broadcastOf(a) === e.address || networkOf(a) === e.address));
  }
  return {
    family: 'inet',
    destination: e.address,
    prefixLength: e.prefixLength,
    gateway: '',
    interface: owner ? labelDevice(owner.interface) : '',
    metric: 0,
    mtu: 0,
    kind: e.type === 'LOCAL' ? 'local' : 'broadcast',
    source: owner?.address ?? '',
  };
}

export const routesTable: TableImpl = {
  name: 'routes',
  generate: genRoutes,
  reads: ['/proc/net/route', '/proc/net/fib_trie', '/proc/net/ipv6_route', '/sys/class/net/<if>/carrier', 'interface IPv4 addresses'],
};
