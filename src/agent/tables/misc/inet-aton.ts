/**
 * glibc's inet_aton_exact: the classic IPv4 forms `a.b.c.d`, `a.b.c`, `a.b`
 * and `a`, each part decimal, octal (leading 0) or hex (0x), the last part
 * filling the remaining bytes, and nothing after the address. Returns the
 * address as an unsigned 32-bit number in host order, or undefined.
 */
export function parseInetAton(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    const value = parseAtonPart(part);
    if (value === undefined) return undefined;
    values.push(value);
  }
  const last = values.pop() ?? 0;
  if (values.some((v) => v > 255)) return undefined;
  const restBits = 8 * (4 - values.length);
  if (restBits < 32 && last >= 2 ** restBits) return undefined;
  if (last > 0xffffffff) return undefined;
  let address = 0;
  values.forEach((v, i) => (address += v * 2 ** (24 - 8 * i)));
  return address + last;
}

function parseAtonPart(part: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]*$/.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]*$/.test(part)) return parseInt(part, 8);
  if (/^[1-9][0-9]*$/.test(part)) return Number(part);
  return undefined;
}

/** Dotted quad of a host-order unsigned 32-bit address. */
export function formatIpv4Number(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/**
 * inet_pton(AF_INET6): eight groups of up to four hex digits, one '::' for
 * a run of zero groups, optionally ending in a dotted IPv4 address. Returns
 * the 16 bytes, or undefined when the text is not an IPv6 address.
 */
export function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '', true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const total = head.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const words = [...head, ...new Array<number>(8 - total).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
}

/** The 16-bit groups of one side of '::'; a trailing dotted quad counts as two (only where the address may end). */
function parseGroups(text: string, mayEndInIpv4: boolean): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const words: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] ?? '';
    if (i === groups.length - 1 && mayEndInIpv4 && g.includes('.')) {
      const octets = parseDottedQuad(g);
      if (octets === undefined) return undefined;
      words.push(((octets[0] ?? 0) << 8) | (octets[1] ?? 0), ((octets[2] ?? 0) << 8) | (octets[3] ?? 0));
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    words.push(parseInt(g, 16));
  }
  return words;
}

/** inet_pton4: exactly four decimal octets, each at most 255 and without leading zeros. */
function parseDottedQuad(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p))) return undefined;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}
