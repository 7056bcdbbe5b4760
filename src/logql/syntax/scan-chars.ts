/** Character classes of the Go text/scanner port (code points in, as Go's runes). */

const letterPattern = /\p{L}/u;
const digitPattern = /\p{Nd}/u;

/** Go's unicode.IsLetter. */
export function isLetter(ch: number): boolean {
  if (ch < 0x80) return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90);
  return letterPattern.test(String.fromCodePoint(ch));
}

/** Go's unicode.IsDigit. */
export function isUnicodeDigit(ch: number): boolean {
  if (ch < 0x80) return ch >= 48 && ch <= 57;
  return digitPattern.test(String.fromCodePoint(ch));
}

/** `0`–`9`. */
export function isDecimal(ch: number): boolean {
  return ch >= 48 && ch <= 57;
}

/** ASCII lower case of a letter (text/scanner's `lower`, meaningful for letters only). */
export function lower(ch: number): number {
  return ch | 0x20;
}

/** A hexadecimal digit's value; 16 for anything else. */
export function digitVal(ch: number): number {
  if (ch >= 48 && ch <= 57) return ch - 48;
  const l = lower(ch);
  if (l >= 97 && l <= 102) return l - 97 + 10;
  return 16;
}
