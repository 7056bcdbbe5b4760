/**
 * The character-level pieces of the RE2 checker (re2.ts): escapes, Unicode
 * classes and bracket classes, each returning the index after what it read
 * or throwing Go's error text.
 */

export class RegexpError extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

export const perlClassLetters = new Set(['d', 'D', 's', 'S', 'w', 'W']);
const posixClasses = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']);

function isAlnum(c: string): boolean {
  return /^[A-Za-z0-9]$/.test(c);
}

function isValidUnicodeClass(name: string): boolean {
  if (name === 'Any') return true;
  try {
    new RegExp(`\\p{${name}}`, 'u');
    return true;
  } catch {
    try {
      new RegExp(`\\p{Script=${name}}`, 'u');
      return true;
    } catch {
      return false;
    }
  }
}


/** `\pL` / `\p{Greek}`: returns the index after it or throws Go's error. */
export function scanUnicodeClass(src: string, start: number): number {
  let i = start + 2;
  let name: string;
  if (src[i] === '{') {
    const end = src.indexOf('}', i);
    if (end < 0) throw new RegexpError('invalid character class range', src.slice(start));
    name = src.slice(i + 1, end);
    i = end + 1;
  } else {
    const cp = src.codePointAt(i);
    if (cp === undefined) throw new RegexpError('invalid character class range', src.slice(start));
    name = String.fromCodePoint(cp);
    i += name.length;
  }
  if (name.startsWith('^')) name = name.slice(1);
  if (!isValidUnicodeClass(name)) throw new RegexpError('invalid character class range', src.slice(start, i));
  return i;
}


/** Go parseEscape: returns the index after the escape or throws. */
export function scanSingleEscape(src: string, start: number): number {
  const c = src[start + 1] as string;
  let i = start + 2;
  const invalid = (): never => {
    throw new RegexpError('invalid escape sequence', src.slice(start, i));
  };
  if (c.charCodeAt(0) < 0x80 && !isAlnum(c)) return i;
  if (c >= '1' && c <= '7') {
    const d = src[i];
    if (d === undefined || d < '0' || d > '7') return invalid();
  }
  if (c >= '0' && c <= '7') {
    for (let k = 1; k < 3; k++) {
      const d = src[i];
      if (d === undefined || d < '0' || d > '7') break;
      i++;
    }
    return i;
  }
  if (c === 'x') {
    if (i >= src.length) return invalid();
    const first = src[i] as string;
    i++;
    if (first === '{') {
      let digits = 0;
      let value = 0;
      for (;;) {
        if (i >= src.length) return invalid();
        const d = src[i] as string;
        i++;
        if (d === '}') break;
        if (!/^[0-9a-fA-F]$/.test(d)) return invalid();
        value = value * 16 + parseInt(d, 16);
        if (value > 0x10ffff) return invalid();
        digits++;
      }
      if (digits === 0) return invalid();
      return i;
    }
    const second = src[i];
    if (second !== undefined) i++;
    if (!/^[0-9a-fA-F]$/.test(first) || second === undefined || !/^[0-9a-fA-F]$/.test(second)) return invalid();
    return i;
  }
  if ('afnrtv'.includes(c)) return i;
  if (c.charCodeAt(0) >= 0x80) i = start + 1 + String.fromCodePoint(src.codePointAt(start + 1) as number).length;
  return invalid();
}


/** A `[...]` class starting at `at`: returns the index after `]` or throws Go's error. */
export function scanCharClass(src: string, at: number): number {
  const whole = src.slice(at);
  let i = at + 1;
  if (src[i] === '^') i++;
  let first = true;
  while (i >= src.length || src[i] !== ']' || first) {
    first = false;
    if (i >= src.length) throw new RegexpError('missing closing ]', whole);
    if (src[i] === '[' && src[i + 1] === ':') {
      const end = src.indexOf(':]', i + 2);
      if (end >= 0) {
        let name = src.slice(i + 2, end);
        if (name.startsWith('^')) name = name.slice(1);
        if (!posixClasses.has(name)) throw new RegexpError('invalid character class range', src.slice(i, end + 2));
        i = end + 2;
        continue;
      }
    }
    if (src[i] === '\\' && (src[i + 1] === 'p' || src[i + 1] === 'P')) {
      i = scanUnicodeClass(src, i);
      continue;
    }
    if (src[i] === '\\' && perlClassLetters.has(src[i + 1] as string)) {
      i += 2;
      continue;
    }
    const rangeStart = i;
    const [lo, afterLo] = scanClassChar(src, i, whole);
    i = afterLo;
    if (i + 1 < src.length && src[i] === '-' && src[i + 1] !== ']') {
      const [hi, afterHi] = scanClassChar(src, i + 1, whole);
      i = afterHi;
      if (hi < lo) throw new RegexpError('invalid character class range', src.slice(rangeStart, i));
    }
  }
  return i + 1;
}

/** One class character (maybe escaped): its code point and the index after it. */
function scanClassChar(src: string, at: number, whole: string): [number, number] {
  if (at >= src.length) throw new RegexpError('missing closing ]', whole);
  if (src[at] === '\\') {
    const end = scanSingleEscape(src, at);
    return [decodeEscape(src.slice(at, end)), end];
  }
  const cp = src.codePointAt(at) as number;
  return [cp, at + (cp > 0xffff ? 2 : 1)];
}


/** The code point of a valid Go single-character escape. */
function decodeEscape(text: string): number {
  const c = text[1] as string;
  const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  if (simple[c] !== undefined) return simple[c];
  if (c === 'x') {
    const hex = text[2] === '{' ? text.slice(3, -1) : text.slice(2);
    return parseInt(hex, 16);
  }
  if (c >= '0' && c <= '7') return parseInt(text.slice(1), 8);
  return text.codePointAt(1) as number;
}
