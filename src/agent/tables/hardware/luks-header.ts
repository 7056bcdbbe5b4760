/**
 * The cipher of a LUKS container, read from its on-disk header the way
 * libcryptsetup reports it: crypt_get_cipher ("aes") and
 * crypt_get_cipher_mode ("xts-plain64").
 */
export interface LuksCipher {
  readonly version: number;
  readonly cipher: string;
  readonly mode: string;
}

const magic = Buffer.from([0x4c, 0x55, 0x4b, 0x53, 0xba, 0xbe]);

/** Bytes needed to parse a LUKS2 header with the default 16 KiB metadata area. */
export const luksHeaderLength = 0x4000;

/**
 * Parses a LUKS1 header (cipher name at byte 8, mode at 40) or a LUKS2
 * header (JSON metadata after the 4 KiB binary header; the first "crypt"
 * segment's `encryption`, split at its first '-'). Returns undefined for
 * anything else or a header cut short.
 */
export function parseLuksCipher(header: Buffer): LuksCipher | undefined {
  if (header.length < 72 || !header.subarray(0, 6).equals(magic)) return undefined;
  const version = header.readUInt16BE(6);
  if (version === 1) {
    return { version, cipher: cString(header.subarray(8, 40)), mode: cString(header.subarray(40, 72)) };
  }
  if (version !== 2 || header.length <= 4096) return undefined;
  const jsonEnd = Math.min(header.length, Number(header.readBigUInt64BE(8)));
  const area = header.subarray(4096, jsonEnd);
  const nul = area.indexOf(0);
  let meta: unknown;
  try {
    meta = JSON.parse(area.toString('utf8', 0, nul < 0 ? area.length : nul));
  } catch {
    return undefined;
  }
  const encryption = firstCryptSegment(meta);
  if (encryption === undefined) return undefined;
  return { version, ...splitCipherSpec(encryption) };
}

function firstCryptSegment(meta: unknown): string | undefined {
  if (typeof meta !== 'object' || meta === null) return undefined;
  const segments = (meta as { segments?: unknown }).segments;
  if (typeof segments !== 'object' || segments === null) return undefined;
  const keys = Object.keys(segments).sort((a, b) => Number(a) - Number(b));
  for (const key of keys) {
    const seg = (segments as Record<string, unknown>)[key] as { type?: unknown; encryption?: unknown } | undefined;
    if (seg?.type === 'crypt' && typeof seg.encryption === 'string') return seg.encryption;
  }
  return undefined;
}

/** "aes-xts-plain64" → aes + xts-plain64; a bare cipher gets cryptsetup's legacy mode cbc-plain. */
export function splitCipherSpec(spec: string): { cipher: string; mode: string } {
  const dash = spec.indexOf('-');
  return dash < 0 ? { cipher: spec, mode: 'cbc-plain' } : { cipher: spec.slice(0, dash), mode: spec.slice(dash + 1) };
}

function cString(field: Buffer): string {
  const nul = field.indexOf(0);
  return field.toString('latin1', 0, nul < 0 ? field.length : nul);
}
