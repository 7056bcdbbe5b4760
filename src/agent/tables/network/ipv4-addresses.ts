import { networkInterfaces } from 'node:os';
import type { QueryContext } from '../table.js';
import { readText } from '../lib/fs-read.js';
import { parseFibTrie, type FibEntry } from './fib-trie.js';
import { ipv4ToNumber } from './inet-format.js';
import { parseProcRoute, type ProcRoute } from './proc-routes.js';
import { ARPHRD_LOOPBACK, IFF, listNetDevices, readDeviceFlags, readSysValue, type NetDevice } from './sys-class-net.js';

/** One IPv4 address of an interface. */
export interface Ipv4Address {
  /** The address label: the device name, or an alias such as eth0:1. */
  readonly interface: string;
  readonly address: string;
  readonly prefixLength: number;
}

/** The device an address label belongs to (`eth0:1` → `eth0`). */
export function labelDevice(label: string): string {
  const colon = label.indexOf(':');
  return colon < 0 ? label : label.slice(0, colon);
}

/**
 * The host's IPv4 addresses in getifaddrs order. Node has no getifaddrs of
 * its own: os.networkInterfaces() uses it but drops interfaces that are not
 * both UP and RUNNING (a bridge without carrier, such as an idle docker0).
 * The local addresses of /proc/net/fib_trie fill that gap: each /32 LOCAL
 * entry Node did not report is placed on the device of the local prefix
 * route holding it (loopback) or of the longest connected main route
 * holding it. Addresses of devices that are administratively down have no
 * routes and stay invisible. With a fixture root only the /proc sources are
 * used, so tests do not see this host's interfaces.
 */
export function listIpv4Addresses(ctx: QueryContext): Ipv4Address[] {
  const out: Ipv4Address[] = ctx.paths.root === '/' ? readNodeIpv4Addresses() : [];
  const known = new Set(out.map((a) => a.address));
  const fib = parseFibTrie(readText(ctx.hostPath('/proc/net/fib_trie')) ?? '').filter((e) => e.table === 'Local');
  const missing = fib.filter((e) => e.type === 'LOCAL' && e.prefixLength === 32 && !known.has(e.address));
  if (missing.length === 0) return out;

  const devices = listNetDevices(ctx.hostPath('/sys/class/net'));
  const routes = parseProcRoute(readText(ctx.hostPath('/proc/net/route')) ?? '');
  const loopback = findLoopbackDevice(devices);
  for (const entry of missing) {
    const placed = placeAddress(entry.address, fib, routes, loopback);
    if (placed) out.push(placed);
  }
  // getifaddrs lists addresses by device index; sort is stable, so Node's order within a device stays.
  const index = new Map(devices.map((d) => [d.name, d.ifindex]));
  return out.sort((a, b) => (index.get(labelDevice(a.interface)) ?? Number.MAX_SAFE_INTEGER) - (index.get(labelDevice(b.interface)) ?? Number.MAX_SAFE_INTEGER));
}

function readNodeIpv4Addresses(): Ipv4Address[] {
  const out: Ipv4Address[] = [];
  for (const [label, entries] of Object.entries(networkInterfaces())) {
    for (const e of entries ?? []) {
      if (e.family !== 'IPv4') continue;
      const prefix = Number((e.cidr ?? '').split('/')[1]);
      out.push({ interface: label, address: e.address, prefixLength: Number.isInteger(prefix) ? prefix : 32 });
    }
  }
  return out;
}

function findLoopbackDevice(devices: readonly NetDevice[]): string | undefined {
  for (const dev of devices) {
    const flags = readDeviceFlags(dev.dir) ?? 0;
    if ((flags & IFF.LOOPBACK) !== 0 || Number(readSysValue(dev.dir, 'type')) === ARPHRD_LOOPBACK) return dev.name;
  }
  return undefined;
}

/** Whether `address` lies in `network`/`prefixLength`. */
export function containsIpv4(network: string, prefixLength: number, address: string): boolean {
  const net = ipv4ToNumber(network);
  const addr = ipv4ToNumber(address);
  if (net === undefined || addr === undefined) return false;
  if (prefixLength <= 0) return true;
  const shift = 32 - Math.min(prefixLength, 32);
  return Math.floor(net / 2 ** shift) === Math.floor(addr / 2 ** shift);
}

function placeAddress(
  address: string,
  fib: readonly FibEntry[],
  routes: readonly ProcRoute[],
  loopback: string | undefined,
): Ipv4Address | undefined {
  const localPrefix = fib.find(
    (e) => e.type === 'LOCAL' && e.prefixLength < 32 && containsIpv4(e.address, e.prefixLength, address),
  );
  if (localPrefix && loopback !== undefined) return { interface: loopback, address, prefixLength: localPrefix.prefixLength };
  let best: ProcRoute | undefined;
  for (const r of routes) {
    if (r.gateway !== '' || r.interface === '' || r.kind !== 'unicast' || r.prefixLength === 0) continue;
    if (!containsIpv4(r.destination, r.prefixLength, address)) continue;
    if (!best || r.prefixLength > best.prefixLength) best = r;
  }
  return best ? { interface: best.interface, address, prefixLength: best.prefixLength } : undefined;
}
