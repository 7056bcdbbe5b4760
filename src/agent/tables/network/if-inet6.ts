import { parseHexBytes } from './inet-format.js';

/** One line of /proc/net/if_inet6. */
export interface Inet6Address {
  /** The 16 address bytes in network order. */
  readonly bytes: Uint8Array;
  readonly ifindex: number;
  readonly prefixLength: number;
  /** IFA scope: 0x00 global, 0x10 host, 0x20 link, 0x40 site. */
  readonly scope: number;
  readonly flags: number;
  readonly interface: string;
}

/**
 * Parses /proc/net/if_inet6 (`<32 hex> <ifindex> <plen> <scope> <flags> <name>`,
 * numbers in hex). Malformed lines are skipped.
 */
export function parseIfInet6(content: string): Inet6Address[] {
  const out: Inet6Address[] = [];
  for (const line of content.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6) continue;
    const bytes = parseHexBytes(f[0] ?? '', 16);
    const [ifindex, prefixLength, scope, flags] = f.slice(1, 5).map((h) => parseInt(h, 16));
    if (!bytes || [ifindex, prefixLength, scope, flags].some((n) => n === undefined || Number.isNaN(n))) continue;
    out.push({
      bytes,
      ifindex: ifindex ?? 0,
      prefixLength: prefixLength ?? 0,
      scope: scope ?? 0,
      flags: flags ?? 0,
      interface: f[5] ?? '',
    });
  }
  return out;
}

const scopeRank: Readonly<Record<number, number>> = { 0x00: 0, 0x40: 1, 0x20: 2, 0x10: 3 };

/**
 * The order netlink dumps IPv6 addresses in (and so getifaddrs): by
 * interface index, and within an interface by scope, global first (the
 * kernel keeps each device's list sorted that way). The file itself is in
 * hash order.
 */
export function sortInet6Addresses(addresses: readonly Inet6Address[]): Inet6Address[] {
  return [...addresses].sort((a, b) => a.ifindex - b.ifindex || (scopeRank[a.scope] ?? 4) - (scopeRank[b.scope] ?? 4));
}
