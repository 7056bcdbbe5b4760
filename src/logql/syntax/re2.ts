/**
 * A checker for Go regexp/syntax (RE2, Perl flags) patterns: it reports Go's
 * exact compile error (`error parsing regexp: missing closing ): \`(\``), the
 * capture group names, and whether the pattern can match the empty string
 * (which decides Loki's "empty-compatible matcher" validation). It does not
 * match text; the pipeline translates patterns to JavaScript for that.
 */

export interface RegexpAnalysis {
  /** Go's error text, or undefined when the pattern compiles. */
  readonly error: string | undefined;
  /** Names of the capture groups in order (`''` for unnamed ones). */
  readonly captureNames: readonly string[];
  /** Whether the whole pattern, anchored, matches `""`. */
  readonly matchesEmpty: boolean;
}

export interface RegexpOptions {
  /** Go's DotNL flag (Prometheus matchers parse with Perl|DotNL); no effect on the analysis. */
  readonly dotAll: boolean;
}

class RegexpError extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

const MAX_DEPTH = 1000;
const perlClassLetters = new Set(['d', 'D', 's', 'S', 'w', 'W']);
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

/** Analyses `pattern` as Go's regexp.Compile would see it. */
export function analyzeGoRegexp(pattern: string, _options: RegexpOptions = { dotAll: false }): RegexpAnalysis {
  const parser = new Re2Parser(pattern);
  try {
    const matchesEmpty = parser.parse();
    return { error: undefined, captureNames: parser.captureNames, matchesEmpty };
  } catch (err) {
    if (err instanceof RegexpError) return { error: err.message, captureNames: [], matchesEmpty: false };
    throw err;
  }
}

/** Recursive descent over the pattern; each parse method returns whether its part can match "". */
class Re2Parser {
  readonly captureNames: string[] = [];
  readonly #src: string;
  #pos = 0;
  #depth = 0;

  constructor(src: string) {
    this.#src = src;
  }

  parse(): boolean {
    const nullable = this.#alternation();
    if (this.#pos < this.#src.length) {
      // Only an unmatched ')' stops an alternation at the top level.
      throw new RegexpError('unexpected )', this.#src);
    }
    return nullable;
  }

  #alternation(): boolean {
    let nullable = this.#sequence();
    while (this.#src[this.#pos] === '|') {
      this.#pos++;
      nullable = this.#sequence() || nullable;
    }
    return nullable;
  }

  /** A concatenation up to `|`, `)` or the end: nullable when every operand is. */
  #sequence(): boolean {
    const src = this.#src;
    const operands: boolean[] = [];
    // Start of the previous repetition operator (Go's lastRepeat), -1 when the last item was not one.
    let lastRepeatStart = -1;
    while (this.#pos < src.length) {
      const c = src[this.#pos] as string;
      if (c === '|' || c === ')') break;
      if (c === '*' || c === '+' || c === '?' || c === '{') {
        const start = this.#pos;
        let min = 0;
        if (c === '{') {
          const repeat = this.#parseRepeat();
          if (repeat === undefined) {
            // Not a valid repeat: `{` is a literal.
            this.#pos++;
            operands.push(false);
            lastRepeatStart = -1;
            continue;
          }
          if (repeat.min < 0 || repeat.min > 1000 || repeat.max > 1000 || (repeat.max >= 0 && repeat.min > repeat.max)) {
            throw new RegexpError('invalid repeat count', src.slice(start, this.#pos));
          }
          min = repeat.min;
        } else {
          this.#pos++;
          min = c === '+' ? 1 : 0;
        }
        if (src[this.#pos] === '?') this.#pos++;
        if (lastRepeatStart >= 0) throw new RegexpError('invalid nested repetition operator', src.slice(lastRepeatStart, this.#pos));
        if (operands.length === 0) throw new RegexpError('missing argument to repetition operator', src.slice(start, this.#pos));
        const index = operands.length - 1;
        operands[index] = min === 0 || (operands[index] as boolean);
        lastRepeatStart = start;
        continue;
      }
      lastRepeatStart = -1;
      const atom = this.#atom();
      if (atom !== undefined) operands.push(atom);
    }
    return operands.every((x) => x);
  }

  #atom(): boolean | undefined {
    const src = this.#src;
    const c = src[this.#pos] as string;
    switch (c) {
      case '(':
        return this.#group();
      case '[':
        this.#charClass();
        return false;
      case '^':
      case '$':
        this.#pos++;
        return true;
      case '.':
        this.#pos++;
        return false;
      case '\\':
        return this.#escape();
      default:
        this.#pos += (src.codePointAt(this.#pos) as number) > 0xffff ? 2 : 1;
        return false;
    }
  }

  #group(): boolean | undefined {
    const src = this.#src;
    const start = this.#pos;
    let name = '';
    let capture = true;
    if (src[start + 1] === '?') {
      const rest = src.slice(start);
      const startsWithP = rest.length > 4 && rest[2] === 'P' && rest[3] === '<';
      const startsWithName = rest.length > 3 && rest[2] === '<';
      if (startsWithP || startsWithName) {
        const end = rest.indexOf('>');
        if (end < 0) throw new RegexpError('invalid named capture', rest);
        name = rest.slice(startsWithP ? 4 : 3, end);
        if (name === '' || !/^[A-Za-z0-9_]+$/.test(name)) throw new RegexpError('invalid named capture', rest.slice(0, end + 1));
        this.#pos = start + end + 1;
      } else {
        const flagsEnd = this.#perlFlags(start);
        if (src[flagsEnd - 1] === ')') {
          this.#pos = flagsEnd;
          return undefined;
        }
        this.#pos = flagsEnd;
        capture = false;
      }
    } else {
      this.#pos++;
    }
    if (capture) this.captureNames.push(name);
    if (++this.#depth > MAX_DEPTH) throw new RegexpError('expression nests too deeply', src);
    const nullable = this.#alternation();
    this.#depth--;
    if (src[this.#pos] !== ')') throw new RegexpError('missing closing )', src);
    this.#pos++;
    return nullable;
  }

  /** `(?flags)` or `(?flags:`; returns the index after `)` or `:`. */
  #perlFlags(start: number): number {
    const src = this.#src;
    let i = start + 2;
    let negated = false;
    let sawFlag = false;
    while (i < src.length) {
      const c = src[i] as string;
      i++;
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        sawFlag = true;
        continue;
      }
      if (c === '-') {
        if (negated) break;
        negated = true;
        sawFlag = false;
        continue;
      }
      if (c === ':' || c === ')') {
        if (negated && !sawFlag) break;
        return i;
      }
      break;
    }
    throw new RegexpError('invalid or unsupported Perl syntax', src.slice(start, i));
  }

  /** `{n}`, `{n,}`, `{n,m}`; undefined when it is not a repeat (then `{` is literal). */
  #parseRepeat(): { min: number; max: number } | undefined {
    const src = this.#src;
    let i = this.#pos + 1;
    const readInt = (): number | undefined => {
      const m = /^\d+/.exec(src.slice(i));
      if (m === null) return undefined;
      if (m[0].length >= 2 && m[0][0] === '0') return undefined;
      i += m[0].length;
      return m[0].length > 8 ? -1 : Number(m[0]);
    };
    const min = readInt();
    if (min === undefined || i >= src.length) return undefined;
    let max = min;
    if (src[i] === ',') {
      i++;
      if (i >= src.length) return undefined;
      if (src[i] === '}') max = -1;
      else {
        const m = readInt();
        if (m === undefined) return undefined;
        max = m;
      }
    }
    if (src[i] !== '}') return undefined;
    this.#pos = i + 1;
    return { min: max === -1 && min === -1 ? -1 : min, max };
  }

  #escape(): boolean {
    const src = this.#src;
    const start = this.#pos;
    const next = src[start + 1];
    if (next === undefined) throw new RegexpError('trailing backslash at end of expression', '');
    switch (next) {
      case 'A':
      case 'z':
      case 'B':
        this.#pos += 2;
        return true;
      case 'b':
        this.#pos += 2;
        return false;
      case 'C':
        throw new RegexpError('invalid escape sequence', '\\C');
      case 'Q': {
        const end = src.indexOf('\\E', start + 2);
        const literal = end < 0 ? src.slice(start + 2) : src.slice(start + 2, end);
        this.#pos = end < 0 ? src.length : end + 2;
        return literal.length === 0;
      }
      default:
    }
    if (next === 'p' || next === 'P') {
      this.#unicodeClass(start);
      return false;
    }
    if (perlClassLetters.has(next)) {
      this.#pos += 2;
      return false;
    }
    this.#pos = this.#singleEscape(start);
    return false;
  }

  #unicodeClass(start: number): void {
    const src = this.#src;
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
    this.#pos = i;
  }

  /** Go parseEscape: returns the index after the escape or throws. */
  #singleEscape(start: number): number {
    const src = this.#src;
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

  #charClass(): void {
    const src = this.#src;
    const whole = src.slice(this.#pos);
    let i = this.#pos + 1;
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
        this.#unicodeClass(i);
        i = this.#pos;
        continue;
      }
      if (src[i] === '\\' && perlClassLetters.has(src[i + 1] as string)) {
        i += 2;
        continue;
      }
      const rangeStart = i;
      const [lo, afterLo] = this.#classChar(i, whole);
      i = afterLo;
      if (i + 1 < src.length && src[i] === '-' && src[i + 1] !== ']') {
        const [hi, afterHi] = this.#classChar(i + 1, whole);
        i = afterHi;
        if (hi < lo) throw new RegexpError('invalid character class range', src.slice(rangeStart, i));
      }
    }
    this.#pos = i + 1;
  }

  /** One class character (maybe escaped): its code point and the index after it. */
  #classChar(at: number, whole: string): [number, number] {
    const src = this.#src;
    if (at >= src.length) throw new RegexpError('missing closing ]', whole);
    if (src[at] === '\\') {
      const end = this.#singleEscape(at);
      return [decodeEscape(src.slice(at, end)), end];
    }
    const cp = src.codePointAt(at) as number;
    return [cp, at + (cp > 0xffff ? 2 : 1)];
  }
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
