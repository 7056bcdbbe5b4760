/**
 * A checker for Go regexp/syntax (RE2, Perl flags) patterns: it reports Go's
 * exact compile error (`error parsing regexp: missing closing ): \`(\``), the
 * capture group names, and whether the pattern can match the empty string
 * (which decides Loki's "empty-compatible matcher" validation). It does not
 * match text; the pipeline translates patterns to JavaScript for that.
 */

import { RegexpError, perlClassLetters, scanCharClass, scanSingleEscape, scanUnicodeClass } from './re2-class.js';

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

const MAX_DEPTH = 1000;

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
        this.#pos = scanCharClass(src, this.#pos);
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
      this.#pos = scanUnicodeClass(this.#src, start);
      return false;
    }
    if (perlClassLetters.has(next)) {
      this.#pos += 2;
      return false;
    }
    this.#pos = scanSingleEscape(this.#src, start);
    return false;
  }
}
