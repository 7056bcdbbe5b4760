/**
 * Small string helpers that reproduce the C++ idioms osquery's parsers are
 * built on, so tables split and trim exactly as it does.
 */

const asciiSpace = ' \t\n\v\f\r';

/** boost::trim in the C locale: strips ASCII whitespace only. */
export function trimAscii(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && asciiSpace.includes(text[start] as string)) start++;
  while (end > start && asciiSpace.includes(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

/** boost::trim_if with a character set. */
export function trimChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start] as string)) start++;
  while (end > start && chars.includes(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

/** boost::to_lower in the C locale: only A-Z change. */
export function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/**
 * osquery's split(s, delims): split on any delimiter character, drop the
 * empty pieces, then trim each piece (a piece of blanks survives as '').
 */
export function splitOsquery(text: string, delims: string): string[] {
  const pieces = delims.length === 1 ? text.split(delims) : text.split(new RegExp(`[${delims.replace(/[\\\]^-]/g, '\\$&')}]`));
  return pieces.filter((p) => p !== '').map(trimAscii);
}
