import { goRegexError } from './regex-error.js';
import {
  foldRanges,
  maxRune,
  negateRanges,
  perlClasses,
  posixClasses,
  renderClass,
  resolveUnicodeClass,
  type RuneRange,
} from './regex-class.js';

/**
 * Escape and bracket-class parsing for the RE2 → JS translator (regex.ts):
 * Go's single-rune escapes, Perl/Unicode class escapes and `[…]` classes
 * with POSIX names, folded when `(?i)` is on. Each reads at `cur.pos` and
 * advances it; errors are Go's texts.
 */
export interface RegexCursor {
  readonly src: string;
  pos: number;
}

/** `\d \s \w \D \S \W \pX \p{Name} \P…` at #pos, folded as the flags say; undefined if not one. */
export function parseClassEscape(cur: RegexCursor, fold: boolean): { ranges: RuneRange[]; props: string[] } | undefined {
  const s = cur.src;
  const c = s[cur.pos + 1] as string;
  const perl = perlClasses[c.toLowerCase()];
  if (perl !== undefined && 'dswDSW'.includes(c)) {
    cur.pos += 2;
    const positive = fold ? foldRanges(perl) : [...perl];
    return { ranges: c === c.toLowerCase() ? positive : negateRanges(positive), props: [] };
  }
  if (c !== 'p' && c !== 'P') return undefined;
  let negated = c === 'P';
  let seq: string;
  let name: string;
  if (s[cur.pos + 2] === '{') {
    const end = s.indexOf('}', cur.pos);
    if (end < 0) throw goRegexError('invalid character class range', s.slice(cur.pos));
    seq = s.slice(cur.pos, end + 1);
    name = s.slice(cur.pos + 3, end);
  } else {
    const cp = s.codePointAt(cur.pos + 2);
    seq = s.slice(cur.pos, cur.pos + 2 + (cp === undefined ? 0 : cp > 0xffff ? 2 : 1));
    name = seq.slice(2);
  }
  if (name.startsWith('^')) {
    negated = !negated;
    name = name.slice(1);
  }
  const resolved = resolveUnicodeClass(name, negated);
  if (resolved === undefined) throw goRegexError('invalid character class range', seq);
  cur.pos += seq.length;
  if ('ranges' in resolved) return { ranges: resolved.ranges, props: [] };
  return { ranges: [], props: [resolved.prop] };
}

/** A single-rune escape (`\n`, `\x41`, `\x{263a}`, `\101`, `\.`) at #pos. */
export function parseEscapeRune(cur: RegexCursor): number {
  const s = cur.src;
  const start = cur.pos;
  const c = s[start + 1] as string;
  cur.pos += 2;
  const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  if (simple[c] !== undefined) return simple[c];
  if (c >= '0' && c <= '7') {
    const isOctal = c === '0' || (s[cur.pos] !== undefined && s[cur.pos]! >= '0' && s[cur.pos]! <= '7');
    if (isOctal) {
      let value = Number(c);
      for (let i = 1; i < 3 && s[cur.pos] !== undefined && s[cur.pos]! >= '0' && s[cur.pos]! <= '7'; i++) {
        value = value * 8 + Number(s[cur.pos]);
        cur.pos++;
      }
      return value;
    }
  } else if (c === 'x') {
    const braced = /^\{([0-9A-Fa-f]+)\}/.exec(s.slice(cur.pos));
    if (braced !== null) {
      const value = parseInt(braced[1] as string, 16);
      if (value <= maxRune) {
        cur.pos += braced[0].length;
        return value;
      }
    } else if (/^[0-9A-Fa-f]{2}/.test(s.slice(cur.pos))) {
      cur.pos += 2;
      return parseInt(s.slice(cur.pos - 2, cur.pos), 16);
    }
    throw goRegexError('invalid escape sequence', s.slice(start, Math.min(s.length, cur.pos + 2)));
  } else {
    const cp = c.codePointAt(0) as number;
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
  }
  throw goRegexError('invalid escape sequence', s.slice(start, cur.pos));
}

/** A bracket class at #pos, rendered. */
export function parseBracketClass(cur: RegexCursor, fold: boolean): string {
  const s = cur.src;
  const whole = s.slice(cur.pos);
  cur.pos++;
  let negated = false;
  if (s[cur.pos] === '^') {
    negated = true;
    cur.pos++;
  }
  let ranges: RuneRange[] = [];
  const props: string[] = [];
  let first = true;
  for (;;) {
    if (cur.pos >= s.length) throw goRegexError('missing closing ]', whole);
    if (s[cur.pos] === ']' && !first) break;
    first = false;
    if (s.startsWith('[:', cur.pos)) {
      const end = s.indexOf(':]', cur.pos + 2);
      if (end >= 0) {
        const text = s.slice(cur.pos, end + 2);
        const neg = text[2] === '^';
        const set = posixClasses[text.slice(neg ? 3 : 2, -2)];
        if (set === undefined) throw goRegexError('invalid character class range', text);
        const folded = fold ? foldRanges(set) : [...set];
        ranges.push(...(neg ? negateRanges(folded) : folded));
        cur.pos = end + 2;
        continue;
      }
    }
    if (s[cur.pos] === '\\' && cur.pos + 1 < s.length) {
      const cls = parseClassEscape(cur, fold);
      if (cls !== undefined) {
        ranges.push(...cls.ranges);
        props.push(...cls.props);
        continue;
      }
    }
    const rangeStart = cur.pos;
    const lo = classChar(cur, whole);
    let hi = lo;
    if (s[cur.pos] === '-' && cur.pos + 1 < s.length && s[cur.pos + 1] !== ']') {
      cur.pos++;
      hi = classChar(cur, whole);
      if (hi < lo) throw goRegexError('invalid character class range', s.slice(rangeStart, cur.pos));
    }
    ranges.push([lo, hi]);
  }
  cur.pos++;
  if (fold) ranges = foldRanges(ranges);
  return renderClass(ranges, props, negated);
}

function classChar(cur: RegexCursor, whole: string): number {
  const s = cur.src;
  if (cur.pos >= s.length) throw goRegexError('missing closing ]', whole);
  if (s[cur.pos] === '\\') return parseEscapeRune(cur);
  const cp = s.codePointAt(cur.pos) as number;
  cur.pos += cp > 0xffff ? 2 : 1;
  return cp;
}
