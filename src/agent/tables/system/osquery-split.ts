/**
 * osquery::split(s, delims): the pieces between any of the delimiter
 * characters, empty pieces dropped, then each piece trimmed of whitespace
 * (so a piece of only whitespace survives as ''). Table parsers that follow
 * osquery's C++ use it to cut lines and fields exactly as osquery does.
 */
export function splitOsquery(s: string, delims: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i < s.length && !delims.includes(s.charAt(i))) continue;
    if (i > start) pieces.push(s.slice(start, i).trim());
    start = i + 1;
  }
  return pieces;
}
