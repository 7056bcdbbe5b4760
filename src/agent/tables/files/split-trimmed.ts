const spaceChars = ' \t\n\v\f\r';

/** boost::trim with the C locale's isspace. */
export function trimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && spaceChars.includes(s[start] as string)) start++;
  while (end > start && spaceChars.includes(s[end - 1] as string)) end--;
  return s.slice(start, end);
}

/**
 * osquery's split(s, delims): splits on any of the delimiter characters,
 * drops empty pieces, then trims each piece (so a piece of only whitespace
 * survives as '').
 */
export function splitTrimmed(s: string, delims: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const c of s) {
    if (delims.includes(c)) {
      if (current !== '') pieces.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  if (current !== '') pieces.push(current);
  return pieces.map(trimSpace);
}
