const lowerHex = '0123456789abcdef';
const encoder = new TextEncoder();

/**
 * Go's `time.quote` (used in time.ParseDuration errors): `"` and `\` are
 * backslash-escaped, control and non-ASCII characters are written as `\xNN`
 * per UTF-8 byte.
 */
export function quoteGoTime(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x20 || code >= 0x80) {
      for (const byte of encoder.encode(ch)) out += `\\x${lowerHex[byte >> 4]}${lowerHex[byte & 0xf]}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return `${out}"`;
}
