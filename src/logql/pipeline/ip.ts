import { WatchpostError } from '../../core/index.js';

/**
 * IP address matching for `|= ip("…")` line filters and `addr = ip("…")`
 * label filters (Loki `ip.go`): a single address, a range `a-b` or a CIDR,
 * IPv4 or IPv6. Addresses are compared as 128-bit integers (IPv4 separately).
 */
interface Addr {
  readonly v6: boolean;
  readonly value: bigint;
}

/** Parses an IPv4 or IPv6 address as Go's netip.ParseAddr does (no zones), undefined if invalid. */
export function parseIpAddr(text: string): Addr | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { v6: true, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { v6: false, value: BigInt(value) };
}

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out = out * 256 + n;
  }
  return out;
}

function parseIpv6(text: string): bigint | undefined {
  let s = text;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    s = `${s.slice(0, lastColon + 1)}x`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (g === 'x') {
        out.push(...tail);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0] as string);
  const rest = halves.length === 2 ? parseGroups(halves[1] as string) : [];
  if (head === undefined || rest === undefined) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    if (head.length + rest.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  } else groups = head;
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

export type IpMatcher = (addr: string) => boolean;

/** Compiles an ip() pattern; throws ERR_LOGQL_PARSE for a bad pattern. */
export function compileIpMatcher(pattern: string): IpMatcher {
  const bad = (): WatchpostError => new WatchpostError('ERR_LOGQL_PARSE', `ip: invalid pattern: ${JSON.stringify(pattern)}`);
  let lo: Addr;
  let hi: Addr;
  const single = parseIpAddr(pattern);
  const slash = pattern.indexOf('/');
  const dash = pattern.indexOf('-');
  if (single !== undefined) {
    lo = single;
    hi = single;
  } else if (slash >= 0) {
    const a = parseIpAddr(pattern.slice(0, slash));
    const bitsText = pattern.slice(slash + 1);
    const width = a?.v6 === true ? 128 : 32;
    if (a === undefined || !/^(0|[1-9][0-9]*)$/.test(bitsText) || Number(bitsText) > width) throw bad();
    const hostBits = BigInt(width - Number(bitsText));
    const mask = (1n << hostBits) - 1n;
    lo = { v6: a.v6, value: a.value & ~mask };
    hi = { v6: a.v6, value: (a.value & ~mask) | mask };
  } else if (dash >= 0) {
    const a = parseIpAddr(pattern.slice(0, dash));
    const b = parseIpAddr(pattern.slice(dash + 1));
    if (a === undefined || b === undefined || a.v6 !== b.v6 || a.value > b.value) throw bad();
    lo = a;
    hi = b;
  } else throw bad();
  return (text) => {
    const addr = parseIpAddr(text);
    return addr !== undefined && addr.v6 === lo.v6 && addr.value >= lo.value && addr.value <= hi.value;
  };
}

const ipv4Chars = /[0-9.]/;
const ipv6Chars = /[0-9a-fA-F:.]/;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /[0-9a-fA-F]/.test(c);
}

/**
 * True when the line contains an address the matcher accepts, scanning as
 * Loki's ipFilter does: IPv4/IPv6 prefix hints, then the longest run of
 * address characters parsed as one address.
 */
export function lineHasMatchingIp(line: string, matcher: IpMatcher): boolean {
  const n = line.length;
  const tryAt = (start: number, chars: RegExp): { ok: boolean; len: number } => {
    let end = start;
    while (end < n && chars.test(line[end] as string)) end++;
    return { ok: matcher(line.slice(start, end)), len: end - start };
  };
  for (let i = 0; i < n; i++) {
    const c = line[i];
    if (i + 3 < n && isDigit(c) && (line[i + 1] === '.' || line[i + 2] === '.' || line[i + 3] === '.')) {
      const r = tryAt(i, ipv4Chars);
      if (r.ok) return true;
      i += r.len;
      continue;
    }
    if (i + 4 < n) {
      const [a, b, d, e, f] = [line[i], line[i + 1], line[i + 2], line[i + 3], line[i + 4]];
      const hint =
        (a === ':' && b === ':' && isHex(d)) ||
        (isHex(a) && b === ':') ||
        (isHex(a) && isHex(b) && d === ':') ||
        (isHex(a) && isHex(b) && isHex(d) && e === ':') ||
        (isHex(a) && isHex(b) && isHex(d) && isHex(e) && f === ':');
      if (hint) {
        const r = tryAt(i, ipv6Chars);
        if (r.ok) return true;
        i += r.len;
      }
    }
  }
  return false;
}
