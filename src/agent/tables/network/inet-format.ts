import { endianness } from 'node:os';

/**
 * Address text as glibc prints it (inet_ntop, getnameinfo NI_NUMERICHOST),
 * and the hex encodings the kernel uses in /proc/net. Every decoder returns
 * '' for input of the wrong length, as osquery's procDecodeAddressFromHex does.
 */

/** Byte order of the 32-bit words in /proc/net/{tcp,udp,…}: the host's. */
export type WordOrder = 'LE' | 'BE';

export const hostWordOrder: WordOrder = endianness();

/** Dotted quad of four bytes. */
export function formatIpv4(bytes: ArrayLike<number>, offset = 0): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}

/**
 * IPv6 text by glibc's inet_ntop rules: lowercase hex without leading zeros,
 * the first longest run of two or more zero groups becomes '::', and
 * ::a.b.c.d / ::ffff:a.b.c.d keep the IPv4 part dotted.
 */
export function formatIpv6(bytes: ArrayLike<number>): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestBase = -1;
  let bestLen = 0;
  let curBase = -1;
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && words[i] === 0) {
      if (curBase === -1) curBase = i;
      continue;
    }
    if (curBase !== -1) {
      const len = i - curBase;
      if (len > bestLen) {
        bestBase = curBase;
        bestLen = len;
      }
      curBase = -1;
    }
  }
  if (bestLen < 2) bestBase = -1;

  let out = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      return out + formatIpv4(bytes, 12);
    }
    out += (words[i] ?? 0).toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ':';
  return out;
}

/** Bytes of a plain hex string (network order, as in /proc/net/if_inet6); undefined unless exactly `size` bytes. */
export function parseHexBytes(hex: string, size: number): Uint8Array | undefined {
  if (hex.length !== size * 2 || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Bytes of hex-printed 32-bit words in host order (/proc/net/tcp prints
 * `%08X` of each in-memory word), so on little-endian hosts each word's bytes
 * are reversed.
 */
export function parseHostWords(hex: string, words: number, order: WordOrder): Uint8Array | undefined {
  const raw = parseHexBytes(hex, words * 4);
  if (!raw || order === 'BE') return raw;
  for (let w = 0; w < words; w++) raw.subarray(w * 4, w * 4 + 4).reverse();
  return raw;
}

/** IPv4 address from /proc/net hex (`0100007F` on little-endian → 127.0.0.1); '' when malformed. */
export function decodeProcIpv4(hex: string, order: WordOrder = hostWordOrder): string {
  const bytes = parseHostWords(hex, 1, order);
  return bytes ? formatIpv4(bytes) : '';
}

/** IPv6 address from /proc/net/{tcp6,udp6,…} hex (four host-order words); '' when malformed. */
export function decodeProcIpv6(hex: string, order: WordOrder = hostWordOrder): string {
  const bytes = parseHostWords(hex, 4, order);
  return bytes ? formatIpv6(bytes) : '';
}

/** A 4-digit hex port or protocol number; 0 for anything else (osquery's procDecodeUnsignedShortFromHex). */
export function decodeHexShort(hex: string): number {
  return /^[0-9a-fA-F]{4}$/.test(hex) ? parseInt(hex, 16) : 0;
}

/** The netmask bytes of a prefix length (`24` → ff ff ff 00). */
export function prefixToMaskBytes(prefixLength: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const bits = Math.max(0, Math.min(prefixLength, size * 8));
  for (let i = 0; i < size; i++) {
    const left = bits - i * 8;
    out[i] = left >= 8 ? 0xff : left <= 0 ? 0 : (0xff << (8 - left)) & 0xff;
  }
  return out;
}

/** Leading one bits of a netmask (osquery's netmaskFromIP counts per byte the same way). */
export function countMaskBits(bytes: ArrayLike<number>): number {
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    for (let bit = 7; bit >= 0 && (b & (1 << bit)) !== 0; bit--) bits++;
  }
  return bits;
}

/** IPv4 text → 32-bit unsigned number; undefined unless a valid dotted quad. */
export function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** 32-bit unsigned number → dotted quad. */
export function numberToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

/** Whether an IPv6 address gets a `%ifname` scope from getnameinfo: fe80::/10 and ffx2:: multicast. */
export function isLinkLocalIpv6(bytes: ArrayLike<number>): boolean {
  const b0 = bytes[0] ?? 0;
  const b1 = bytes[1] ?? 0;
  return (b0 === 0xfe && (b1 & 0xc0) === 0x80) || (b0 === 0xff && (b1 & 0x0f) === 0x02);
}
