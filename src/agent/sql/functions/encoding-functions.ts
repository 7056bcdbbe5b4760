import { rawText, type ScalarFunction, type SqlArg, type SqlResult } from './define.js';

/** osquery::isPrintable: every byte in 0x20..0x7e (an empty value is printable). */
export function isPrintable(bytes: Uint8Array): boolean {
  return bytes.every((b) => b >= 0x20 && b < 0x7f);
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const sextets = new Int8Array(128).fill(-1);
for (const [i, ch] of [...alphabet].entries()) sextets[ch.charCodeAt(0)] = i;
sextets['='.charCodeAt(0)] = 0; // boost's table reads an inner '=' as zero bits

/**
 * osquery's base64::decode (boost binary_from_base64 + transform_width):
 * drop "\r\n" and "\n", strip trailing '=', then take 6 bits per character
 * and emit whole bytes, discarding leftover bits. Any other character, or a
 * length that leaves a single dangling character (4n+1), yields empty output.
 */
export function decodeBase64Like(input: Uint8Array): Uint8Array {
  let text = Buffer.from(input).toString('latin1').replaceAll('\r\n', '').replaceAll('\n', '');
  text = text.replace(/=+$/, '');
  if (text.length % 4 === 1) return new Uint8Array(0);
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (sextets[code] ?? -1) : -1;
    if (value < 0) return new Uint8Array(0);
    acc = ((acc << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

type Mode = 'encode' | 'conditional' | 'decode';

/** Applies one of osquery's base64 modes to every byte of the value's text; NULL stays NULL. The result is TEXT. */
function base64Function(mode: Mode): (value: SqlArg) => SqlResult {
  return (value) => {
    const bytes = value.bytes();
    if (bytes === null) return null;
    if (mode === 'decode') return rawText(decodeBase64Like(bytes));
    if (mode === 'conditional' && isPrintable(bytes)) return rawText(bytes);
    return Buffer.from(bytes).toString('base64');
  };
}

/** to_base64, from_base64 and conditional_to_base64 (osquery/sql/sqlite_encoding.cpp). */
export const encodingFunctions: readonly ScalarFunction[] = [
  { name: 'conditional_to_base64', arity: 1, fn: base64Function('conditional') },
  { name: 'to_base64', arity: 1, fn: base64Function('encode') },
  { name: 'from_base64', arity: 1, fn: base64Function('decode') },
];
