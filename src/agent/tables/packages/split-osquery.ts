/**
 * osquery::split (osquery/utils/conversions/split.cpp): split on any of the
 * delimiter characters, drop the empty pieces, then trim each remaining one
 * (so a whitespace-only piece survives as ''). Several osquery parsers owe
 * their quirks to it, and the package tables copy them.
 */
export function splitOsquery(text: string, delimiters = ' \t'): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const c of text) {
    if (delimiters.includes(c)) {
      pieces.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  pieces.push(current);
  return pieces.filter((p) => p !== '').map((p) => p.trim());
}
