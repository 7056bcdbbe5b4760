/**
 * IP address parsing as osquery gets it from glibc inet_pton and
 * boost::asio::ip (make_address, make_network_v4/v6), on plain strings.
 */

/** An address as boost::asio::ip::address holds it: family, network-order bytes and (IPv6) a scope id. */
export interface IpAddress {
  readonly v6: boolean;
  readonly bytes: Uint8Array;
  readonly scopeId: number;
}

/** glibc inet_pton(AF_INET): exactly four decimal octets, no leading zeros. */
export function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (const [i, part] of parts.entries()) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return null;
    out[i] = Number(part);
  }
  return out;
}

/** glibc inet_pton(AF_INET6): hex groups of up to 4 digits, one `::`, an optional trailing dotted IPv4. */
export function parseIpv6(text: string): Uint8Array | null {
  const double = text.indexOf('::');
  if (double >= 0 && text.indexOf('::', double + 1) >= 0) return null;
  const head = double >= 0 ? text.slice(0, double) : text;
  const tail = double >= 0 ? text.slice(double + 2) : '';
  const headWords = parseGroups(head, double < 0);
  const tailWords = double >= 0 ? parseGroups(tail, true) : [];
  if (headWords === null || tailWords === null) return null;
  const total = headWords.length + tailWords.length;
  if (double >= 0 ? total > 7 : total !== 8) return null;
  const words = [...headWords, ...new Array<number>(8 - total).fill(0), ...tailWords];
  const out = new Uint8Array(16);
  for (const [i, w] of words.entries()) {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  }
  return out;
}

/** Parses `a:b:c` into 16-bit words; a dotted IPv4 may end the last run (it counts as two words). */
function parseGroups(text: string, mayEndWithIpv4: boolean): number[] | null {
  if (text === '') return [];
  const groups = text.split(':');
  const words: number[] = [];
  for (const [i, g] of groups.entries()) {
    if (i === groups.length - 1 && mayEndWithIpv4 && g.includes('.')) {
      const v4 = parseIpv4(g);
      if (v4 === null) return null;
      words.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) words.push(parseInt(g, 16));
    else return null;
  }
  return words;
}

/**
 * boost make_address_v6: inet_pton on the part before `%`; the scope id is
 * the number after `%` (interface names, which boost resolves with
 * if_nametoindex for link-local addresses, read as 0 here).
 */
export function parseAddressV6(text: string): IpAddress | null {
  const percent = text.indexOf('%');
  const bytes = parseIpv6(percent >= 0 ? text.slice(0, percent) : text);
  if (bytes === null) return null;
  const scope = percent >= 0 ? /^[+-]?\d+/.exec(text.slice(percent + 1).trimStart())?.[0] : undefined;
  return { v6: true, bytes, scopeId: scope === undefined ? 0 : Number(scope) >>> 0 };
}

/** boost make_address: IPv6 first, then IPv4. */
export function parseAddress(text: string): IpAddress | null {
  const v6 = parseAddressV6(text);
  if (v6) return v6;
  const v4 = parseIpv4(text);
  return v4 ? { v6: false, bytes: v4, scopeId: 0 } : null;
}

/** boost make_network_v4/v6: `address/prefix` with a decimal prefix of at most 32/128; host bits may be set. */
export function parseNetwork(text: string, v6: boolean): { address: IpAddress; prefix: number } | null {
  const slash = text.indexOf('/');
  if (slash < 0 || slash === text.length - 1 || !/^[0-9]+$/.test(text.slice(slash + 1))) return null;
  const addressText = text.slice(0, slash);
  const address = v6 ? parseAddressV6(addressText) : wrapV4(parseIpv4(addressText));
  const prefix = Number(text.slice(slash + 1));
  if (address === null || prefix > (v6 ? 128 : 32)) return null;
  return { address, prefix };
}

function wrapV4(bytes: Uint8Array | null): IpAddress | null {
  return bytes ? { v6: false, bytes, scopeId: 0 } : null;
}

/** boost's address ordering: IPv4 before IPv6, then bytes, then scope id. */
export function compareAddresses(a: IpAddress, b: IpAddress): number {
  if (a.v6 !== b.v6) return a.v6 ? 1 : -1;
  return Buffer.compare(a.bytes, b.bytes) || Math.sign(a.scopeId - b.scopeId);
}

/**
 * Whether `ip` lies in network.hosts(), as in_cidr_block asks boost. For
 * IPv4 that excludes the network and broadcast addresses (a /31 holds
 * nothing; a /32 holds its address unless it is 255.255.255.255). For IPv6
 * it is every address of the prefix, except that a range ending at
 * ffff:…:ffff wraps to an empty one.
 */
export function networkHostsContain(network: { address: IpAddress; prefix: number }, ip: IpAddress): boolean {
  const { address, prefix } = network;
  if (!address.v6) {
    const addr = Buffer.from(address.bytes).readUInt32BE(0);
    const value = Buffer.from(ip.bytes).readUInt32BE(0);
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    const base = (addr & mask) >>> 0;
    const [begin, end] = prefix === 32 ? [addr, (addr + 1) >>> 0] : [base + 1, (base | ~mask) >>> 0];
    return value >= begin && value < end;
  }
  const begin = Uint8Array.from(address.bytes);
  const last = Uint8Array.from(address.bytes);
  for (let i = 0; i < 16; i++) {
    if (prefix <= i * 8) {
      begin[i] = 0;
      last[i] = 0xff;
    } else if (prefix < (i + 1) * 8) {
      begin[i] = (begin[i] ?? 0) & (0xff00 >> (prefix % 8));
      last[i] = (last[i] ?? 0) | (0xff >> (prefix % 8));
    }
  }
  const end = incrementBytes(last);
  const from: IpAddress = { v6: true, bytes: begin, scopeId: address.scopeId };
  const to: IpAddress = { v6: true, bytes: end, scopeId: address.scopeId };
  return compareAddresses(ip, from) >= 0 && compareAddresses(ip, to) < 0;
}

/** boost's address_v6 iterator ++: big-endian increment that wraps to ::. */
function incrementBytes(bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (let i = out.length - 1; i >= 0; i--) {
    if ((out[i] ?? 0) < 0xff) {
      out[i] = (out[i] ?? 0) + 1;
      return out;
    }
    out[i] = 0;
  }
  return out;
}
