/**
 * The element readers of Go's time parser (getnum, lookup, skip,
 * parseTimeZone, parseNanoseconds), shared by time-parse.ts.
 */
import { longDayNames, longMonthNames } from './time-layout-chunks.js';

export const shortMonthNames = longMonthNames.map((m) => m.slice(0, 3));
export const shortDayNames = longDayNames.map((d) => d.slice(0, 3));

export function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Go's getnum: one or two digits (two required when `fixed`). */
export function getnum(s: string, i: number, fixed: boolean): [number, number] | undefined {
  if (!isDigit(s, i)) return undefined;
  if (!isDigit(s, i + 1)) return fixed ? undefined : [s.charCodeAt(i) - 48, i + 1];
  return [(s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48, i + 2];
}

export function getnum3(s: string, i: number, fixed: boolean): [number, number] | undefined {
  let n = 0;
  let j = i;
  while (j < i + 3 && isDigit(s, j)) n = n * 10 + s.charCodeAt(j++) - 48;
  if (j === i || (fixed && j !== i + 3)) return undefined;
  return [n, j];
}

/** Case-insensitive ASCII lookup of a name table at `i`: [index, end]. */
export function lookupName(table: readonly string[], s: string, i: number): [number, number] | undefined {
  for (let k = 0; k < table.length; k++) {
    const name = table[k] as string;
    if (s.length - i >= name.length && s.slice(i, i + name.length).toLowerCase() === name.toLowerCase()) {
      return [k, i + name.length];
    }
  }
  return undefined;
}

/**
 * Go's `skip`: a space in the layout matches any run of spaces. Returns the
 * position reached and whether the whole prefix matched (Go reports a
 * mismatch from where it stopped).
 */
export function skipLiteral(value: string, i: number, prefix: string): [number, boolean] {
  let p = 0;
  while (p < prefix.length) {
    if (prefix[p] === ' ') {
      if (i < value.length && value[i] !== ' ') return [i, false];
      while (p < prefix.length && prefix[p] === ' ') p++;
      while (i < value.length && value[i] === ' ') i++;
      continue;
    }
    if (i >= value.length || value[i] !== prefix[p]) return [i, false];
    p++;
    i++;
  }
  return [i, true];
}

/** Length of a zone abbreviation at `i` (Go's parseTimeZone), 0 when none. */
export function zoneNameLength(s: string, i: number): number {
  if (s.length - i < 3) return 0;
  const four = s.slice(i, i + 4);
  if (four === 'ChST' || four === 'MeST') return 4;
  if (s.startsWith('GMT', i)) return 3 + signedOffsetLength(s, i + 3);
  if (s[i] === '+' || s[i] === '-') return signedOffsetLength(s, i);
  let upper = 0;
  while (upper < 6 && i + upper < s.length && s.charCodeAt(i + upper) >= 65 && s.charCodeAt(i + upper) <= 90) upper++;
  if (upper === 3) return 3;
  if (upper === 4 && (s[i + 3] === 'T' || four === 'WITA')) return 4;
  if (upper === 5 && s[i + 4] === 'T') return 5;
  return 0;
}

export function signedOffsetLength(s: string, i: number): number {
  if (s[i] !== '+' && s[i] !== '-') return 0;
  let j = i + 1;
  let n = 0;
  while (isDigit(s, j)) n = n * 10 + s.charCodeAt(j++) - 48;
  if (j === i + 1 || n > 23) return 0;
  return j - i;
}

/** Reads `.123` / `,123` at `i` (n bytes incl. the separator) as nanoseconds. */
export function parseNanoseconds(s: string, i: number, n: number): number {
  const digits = s.slice(i + 1, i + Math.min(n, 10));
  return Number(digits.padEnd(9, '0'));
}

export const zoneLayout: Readonly<Record<string, readonly [number, number, boolean]>> = {
  // [value length, has seconds, colon]
  iso8601TZ: [5, 0, false],
  numTZ: [5, 0, false],
  iso8601ShortTZ: [3, 0, false],
  numShortTZ: [3, 0, false],
  iso8601ColonTZ: [6, 0, true],
  numColonTZ: [6, 0, true],
  iso8601SecondsTZ: [7, 1, false],
  numSecondsTZ: [7, 1, false],
  iso8601ColonSecondsTZ: [9, 1, true],
  numColonSecondsTZ: [9, 1, true],
};
