/**
 * The C++ string idioms osquery's parsers are built on, so tables cut lines
 * and fields exactly as osquery does: boost's trim and to_lower in the C
 * locale (ASCII only) and osquery::split.
 */

const asciiSpace = ' \t\n\v\f\r';

/** boost::trim in the C locale: strips ASCII whitespace only. */
export function trimAscii(text: string): string {
  return trimChars(text, asciiSpace);
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
 * osquery::split(s, delims) (osquery/utils/conversions/split.cpp): the
 * pieces between any of the delimiter characters (default tab and space),
 * empty pieces dropped, then each piece trimmed, so a piece of only
 * whitespace survives as ''.
 */
export function splitOsquery(text: string, delims = '\t '): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !delims.includes(text.charAt(i))) continue;
    if (i > start) pieces.push(trimAscii(text.slice(start, i)));
    start = i + 1;
  }
  return pieces;
}
