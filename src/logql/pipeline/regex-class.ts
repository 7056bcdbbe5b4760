/**
 * Character-class building blocks for the RE2 → JS translator (regex.ts):
 * code-point range sets, Go's Perl and POSIX classes, and Go-style simple
 * case folding. Ranges are inclusive `[lo, hi]` code-point pairs.
 */

export type RuneRange = readonly [number, number];

export const maxRune = 0x10ffff;

/** Go's Perl classes (`\d \s \w`); `\s` is `[\t\n\f\r ]` (no `\v`). */
export const perlClasses: Readonly<Record<string, readonly RuneRange[]>> = {
  d: [[0x30, 0x39]],
  s: [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]],
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
};

/** Go's POSIX classes inside brackets, `[:alpha:]`. */
export const posixClasses: Readonly<Record<string, readonly RuneRange[]>> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

/** Sorts and merges overlapping or abutting ranges. */
export function cleanRanges(ranges: readonly RuneRange[]): RuneRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) {
      if (hi > last[1]) last[1] = hi;
    } else out.push([lo, hi]);
  }
  return out;
}

/** The complement of a set of ranges over [0, maxRune]. */
export function negateRanges(ranges: readonly RuneRange[]): RuneRange[] {
  const out: RuneRange[] = [];
  let next = 0;
  for (const [lo, hi] of cleanRanges(ranges)) {
    if (next <= lo - 1) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= maxRune) out.push([next, maxRune]);
  return out;
}

// Fold partners that toLowerCase/toUpperCase do not reach (Go's SimpleFold orbits).
const extraFolds: Readonly<Record<number, readonly number[]>> = {
  0x6b: [0x212a], 0x4b: [0x212a], 0x212a: [0x4b, 0x6b],
  0x73: [0x17f], 0x53: [0x17f], 0x17f: [0x53, 0x73],
  0xe5: [0x212b], 0xc5: [0x212b], 0x212b: [0xc5, 0xe5],
  0x3c9: [0x2126], 0x3a9: [0x2126], 0x2126: [0x3a9, 0x3c9],
  0xdf: [0x1e9e], 0x1e9e: [0xdf],
  0x3bc: [0xb5], 0x39c: [0xb5], 0xb5: [0x39c, 0x3bc],
};

const minFold = 0x41;
const maxFold = 0x1e943;

/** Every code point equal to `c` under simple case folding (c included). */
export function foldOrbit(c: number): number[] {
  if (c < minFold || c > maxFold) return [c];
  const orbit = new Set<number>([c]);
  const ch = String.fromCodePoint(c);
  for (const variant of [ch.toLowerCase(), ch.toUpperCase()]) {
    const cp = variant.codePointAt(0) as number;
    if (variant.length === String.fromCodePoint(cp).length) orbit.add(cp);
  }
  for (const cp of [...orbit]) {
    const extra = extraFolds[cp];
    if (extra !== undefined) for (const e of extra) orbit.add(e);
  }
  return [...orbit];
}

/** The ranges plus every case-fold partner of their code points (Go's appendFoldedRange). */
export function foldRanges(ranges: readonly RuneRange[]): RuneRange[] {
  const out: RuneRange[] = [];
  for (const [lo, hi] of ranges) {
    out.push([lo, hi]);
    const from = Math.max(lo, minFold);
    const to = Math.min(hi, maxFold);
    for (let c = from; c <= to; c++) {
      for (const f of foldOrbit(c)) if (f < lo || f > hi) out.push([f, f]);
    }
  }
  return cleanRanges(out);
}

/** A code point as a JS `u`-mode escape safe inside and outside classes. */
export function escapeRune(c: number): string {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) {
    return String.fromCharCode(c);
  }
  return `\\u{${c.toString(16)}}`;
}

/** A JS character class for ranges plus `\p{…}` items; `negated` gives `[^…]`. */
export function renderClass(ranges: readonly RuneRange[], props: readonly string[], negated: boolean): string {
  let body = '';
  for (const [lo, hi] of cleanRanges(ranges)) body += lo === hi ? escapeRune(lo) : `${escapeRune(lo)}-${escapeRune(hi)}`;
  for (const p of props) body += p;
  return `[${negated ? '^' : ''}${body}]`;
}

// Go's general category names (unicode.Categories) and their JS spelling.
const categories = new Set([
  'C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl',
  'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs',
]);

function canonicalName(name: string): string {
  const stripped = name.replace(/[ _-]/g, '');
  if (stripped === '') return '';
  return stripped[0]!.toUpperCase() + stripped.slice(1).toLowerCase();
}

export type UnicodeClass = { readonly ranges: RuneRange[] } | { readonly prop: string };

/**
 * Resolves a Go Unicode class name (`L`, `Greek`, `Any`, `ASCII`, …) to
 * ranges or a JS property escape body; undefined when Go would not know it.
 */
export function resolveUnicodeClass(name: string, negated: boolean): UnicodeClass | undefined {
  if (categories.has(name)) return { prop: `\\${negated ? 'P' : 'p'}{${name}}` };
  const canon = canonicalName(name);
  if (canon === 'Any') return { ranges: negated ? [] : [[0, maxRune]] };
  if (canon === 'Ascii') return { ranges: negated ? negateRanges([[0, 0x7f]]) : [[0, 0x7f]] };
  if (canon === 'Lc') return { prop: `\\${negated ? 'P' : 'p'}{LC}` };
  if (canon === 'Assigned') return { prop: `\\${negated ? 'p' : 'P'}{Cn}` };
  for (const candidate of [`Script=${canon}`, `Script=${name}`]) {
    const prop = `\\${negated ? 'P' : 'p'}{${candidate}}`;
    try {
      new RegExp(prop, 'u');
      return { prop };
    } catch {
      // not a script JS knows under that spelling
    }
  }
  return undefined;
}
