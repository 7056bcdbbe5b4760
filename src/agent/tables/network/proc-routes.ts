import { countMaskBits, decodeProcIpv4, formatIpv6, hostWordOrder, parseHexBytes, parseHostWords, type WordOrder } from './inet-format.js';

/** Route flags (RTF_*) as /proc/net/route and /proc/net/ipv6_route print them. */
export const RTF = {
  UP: 0x1,
  GATEWAY: 0x2,
  REJECT: 0x200,
  ANYCAST: 0x100000,
  LOCAL: 0x80000000,
} as const;

/** The kernel route type (rtm_type) a route has, as far as the /proc files tell it. */
export type RouteKind = 'unicast' | 'local' | 'broadcast' | 'anycast' | 'multicast' | 'reject';

/** One route of a /proc route file. */
export interface ProcRoute {
  readonly family: 'inet' | 'inet6';
  /** The network address in text ('0.0.0.0' / '::' for a default route). */
  readonly destination: string;
  readonly prefixLength: number;
  /** The next hop, '' when there is none. */
  readonly gateway: string;
  /** The output device, '' when there is none. */
  readonly interface: string;
  readonly metric: number;
  readonly mtu: number;
  readonly kind: RouteKind;
}

const zeroIpv4 = '0.0.0.0';

/**
 * Parses /proc/net/route, the IPv4 main table: tab-separated Iface,
 * Destination, Gateway, Flags, RefCnt, Use, Metric, Mask, MTU, Window, IRTT,
 * addresses as host-order hex words. The kernel leaves broadcast and
 * multicast routes out of this file.
 */
export function parseProcRoute(content: string, order: WordOrder = hostWordOrder): ProcRoute[] {
  const out: ProcRoute[] = [];
  const lines = content.split('\n');
  for (const line of lines.slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 11) continue;
    const destination = decodeProcIpv4(f[1] ?? '', order);
    const mask = parseHostWords(f[7] ?? '', 1, order);
    const flags = parseInt(f[3] ?? '', 16);
    if (destination === '' || !mask || Number.isNaN(flags)) continue;
    const gateway = decodeProcIpv4(f[2] ?? '', order);
    out.push({
      family: 'inet',
      destination,
      prefixLength: countMaskBits(mask),
      gateway: gateway === zeroIpv4 ? '' : gateway,
      interface: f[0] === '*' ? '' : (f[0] ?? ''),
      metric: Number(f[6]) || 0,
      mtu: Number(f[8]) || 0,
      kind: (flags & RTF.REJECT) !== 0 ? 'reject' : 'unicast',
    });
  }
  return out;
}

/**
 * Parses /proc/net/ipv6_route, every IPv6 table: destination, its prefix
 * length, source, its prefix length, next hop, metric, refcount, use, flags,
 * device; addresses in network order, numbers in hex. The table's "null"
 * route (::/0 reject via lo, metric 0xffffffff), which netlink dumps skip, is
 * left out too.
 */
export function parseIpv6Route(content: string): ProcRoute[] {
  const out: ProcRoute[] = [];
  for (const line of content.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const dst = parseHexBytes(f[0] ?? '', 16);
    const gw = parseHexBytes(f[4] ?? '', 16);
    const prefixLength = parseInt(f[1] ?? '', 16);
    const metric = parseInt(f[5] ?? '', 16);
    const flags = parseInt(f[8] ?? '', 16);
    if (!dst || !gw || [prefixLength, metric, flags].some(Number.isNaN)) continue;
    if ((flags & RTF.REJECT) !== 0 && prefixLength === 0 && metric === 0xffffffff) continue;
    out.push({
      family: 'inet6',
      destination: formatIpv6(dst),
      prefixLength,
      gateway: gw.every((b) => b === 0) ? '' : formatIpv6(gw),
      interface: f[9] ?? '',
      metric,
      mtu: 0,
      kind: classifyIpv6Route(flags, dst, prefixLength),
    });
  }
  return out;
}

function classifyIpv6Route(flags: number, dst: Uint8Array, prefixLength: number): RouteKind {
  if ((flags & RTF.LOCAL) !== 0) return 'local';
  if ((flags & RTF.ANYCAST) !== 0) return 'anycast';
  if ((flags & RTF.REJECT) !== 0) return 'reject';
  // The multicast route addrconf adds (ff00::/8) has no flag of its own.
  if (dst[0] === 0xff && prefixLength >= 8 && (flags & RTF.GATEWAY) === 0) return 'multicast';
  return 'unicast';
}
