import { WatchpostError } from '../../core/index.js';
import {
  escapeRune,
  foldOrbit,
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
 * Go `regexp` (RE2, `syntax.Perl` flags) translated to a JS `u`-mode RegExp
 * with the same matches: `.` never matches `\n` unless `(?s)` (or `dotNL`),
 * `^`/`$` anchor to the whole text unless `(?m)`, `\s` is `[\t\n\f\r ]`, inline
 * flags `(?i)`/`(?i:…)`/`(?-i)`/`(?U)` are scoped as in Go (case folding is
 * expanded into classes), `\Q…\E`, `\A`, `\z`, POSIX and Unicode classes.
 * Constructs Go rejects throw Go's own error text
 * (`error parsing regexp: missing closing ): \`(a\``) as ERR_LOGQL_PARSE.
 *
 * Every capture group becomes a plain JS group; `groupNames[i]` is the Go name
 * of group i (undefined when unnamed), so Go names need not be JS identifiers.
 * Matching is backtracking (leftmost-first, as Go's), not linear-time.
 */
export interface GoRegex {
  readonly regexp: RegExp;
  /** Index 0 is the whole match. */
  readonly groupNames: readonly (string | undefined)[];
  /** The pattern when it is a plain literal (no operators, no flags). */
  readonly literal: string | undefined;
}

export interface GoRegexOptions {
  /** `.` matches `\n` (Prometheus label matchers: `syntax.Perl|syntax.DotNL`). */
  readonly dotNL?: boolean;
  /** Fully anchored, `^(?:re)$` (label matchers). */
  readonly anchored?: boolean;
  /** JS `g` flag (replace-all, counting). */
  readonly global?: boolean;
}

export interface TranslatedRegex {
  readonly source: string;
  readonly groupNames: readonly (string | undefined)[];
  readonly literal: string | undefined;
}

/** Compiles a Go regexp; throws WatchpostError(ERR_LOGQL_PARSE) with Go's error text. */
export function compileGoRegex(pattern: string, options: GoRegexOptions = {}): GoRegex {
  const t = translateGoRegex(pattern, options);
  const source = options.anchored === true ? `^(?:${t.source})$` : t.source;
  let regexp: RegExp;
  try {
    regexp = new RegExp(source, options.global === true ? 'gu' : 'u');
  } catch (cause) {
    throw goRegexError('expression too large', pattern, cause);
  }
  return { regexp, groupNames: t.groupNames, literal: t.literal };
}

export function goRegexError(code: string, expr: string, cause?: unknown): WatchpostError {
  return new WatchpostError('ERR_LOGQL_PARSE', `error parsing regexp: ${code}: \`${expr}\``, { cause });
}

interface Flags {
  fold: boolean;
  multiLine: boolean;
  dotNL: boolean;
  ungreedy: boolean;
}

interface Frame {
  readonly saved: Flags;
  /** Output position where this group's alternation began. */
  readonly start: number;
  /** The enclosing group's largest repeat product so far. */
  readonly outerMax: number;
}

/** The translation step of compileGoRegex (exported for tests and tooling). */
export function translateGoRegex(pattern: string, options: Pick<GoRegexOptions, 'dotNL'> = {}): TranslatedRegex {
  return new Translator(pattern, options.dotNL === true).run();
}

class Translator {
  readonly #src: string;
  #pos = 0;
  #out = '';
  #flags: Flags;
  readonly #stack: Frame[] = [];
  readonly #names: (string | undefined)[] = [undefined];
  /** Start (in #out) of the last atom, -1 when nothing can be repeated. */
  #atomStart = -1;
  #atomIsAssertion = false;
  /** Source text of the previous repetition operator, '' when the last item was not one. */
  #lastRepeat = '';
  #isLiteral = true;
  /** The text matched when the pattern is a plain literal (escapes resolved). */
  #literalText = '';
  // Go's repeatIsValid: nested counted repeats may not multiply past 1000.
  /** Product of the counted repeats applied to the last atom (and inside it). */
  #atomProduct = 1;
  /** Largest product among the finished atoms of the current group. */
  #groupMax = 1;

  constructor(src: string, dotNL: boolean) {
    this.#src = src;
    this.#flags = { fold: false, multiLine: false, dotNL, ungreedy: false };
  }

  run(): TranslatedRegex {
    const s = this.#src;
    while (this.#pos < s.length) {
      const start = this.#pos;
      const c = s[this.#pos] as string;
      let repeat = '';
      switch (c) {
        case '(':
          this.#openGroup();
          break;
        case '|':
          this.#isLiteral = false;
          this.#pos++;
          this.#out += '|';
          this.#beginAtom();
          this.#atomStart = -1;
          break;
        case ')':
          this.#closeGroup();
          break;
        case '^':
          this.#pos++;
          this.#atom(this.#flags.multiLine ? '(?:^|(?<=\\n))' : '^', true);
          break;
        case '$':
          this.#pos++;
          this.#atom(this.#flags.multiLine ? '(?:$|(?=\\n))' : '$', true);
          break;
        case '.':
          this.#pos++;
          this.#atom(this.#flags.dotNL ? renderClass([[0, maxRune]], [], false) : '[^\\n]', false);
          break;
        case '[':
          this.#atom(this.#parseClass(), false);
          break;
        case '*':
        case '+':
        case '?':
          this.#pos++;
          repeat = this.#repeat(c, start);
          break;
        case '{': {
          const r = /^\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?\}/.exec(s.slice(start));
          if (r === null) {
            this.#pos++;
            this.#literal(0x7b);
            break;
          }
          const min = r[1]!.length > 8 ? -1 : Number(r[1]);
          const max = r[2] === undefined ? min : r[3] === undefined ? -1 : r[3].length > 8 ? -2 : Number(r[3]);
          this.#pos += r[0].length;
          if (min < 0 || min > 1000 || max > 1000 || max === -2 || (max >= 0 && min > max)) {
            throw goRegexError('invalid repeat count', r[0]);
          }
          repeat = this.#repeat(max === -1 ? `{${min},}` : `{${min},${max}}`, start, min, max);
          break;
        }
        case '\\':
          this.#escape();
          break;
        default: {
          const cp = s.codePointAt(this.#pos) as number;
          this.#pos += cp > 0xffff ? 2 : 1;
          this.#literal(cp);
        }
      }
      this.#lastRepeat = repeat;
    }
    if (this.#stack.length > 0) throw goRegexError('missing closing )', s);
    return { source: this.#out, groupNames: this.#names, literal: this.#isLiteral ? this.#literalText : undefined };
  }

  /** Folds the finished atom's repeat product into its group's. */
  #beginAtom(): void {
    if (this.#atomProduct > this.#groupMax) this.#groupMax = this.#atomProduct;
    this.#atomProduct = 1;
  }

  #atom(text: string, assertion: boolean): void {
    this.#isLiteral = false;
    this.#beginAtom();
    this.#atomStart = this.#out.length;
    this.#atomIsAssertion = assertion;
    this.#out += text;
  }

  #literal(cp: number): void {
    if (this.#flags.fold) {
      const orbit = foldOrbit(cp);
      if (orbit.length > 1) {
        this.#atom(renderClass(orbit.map((o) => [o, o] as RuneRange), [], false), false);
        return;
      }
    }
    this.#literalText += String.fromCodePoint(cp);
    const text = escapeRune(cp);
    this.#beginAtom();
    this.#atomStart = this.#out.length;
    this.#atomIsAssertion = false;
    this.#out += text;
  }

  /** Applies `op` (`*`, `+`, `?`, `{n,m}`) to the last atom; returns the operator's source text. */
  #repeat(op: string, start: number, min = -1, max = -1): string {
    this.#isLiteral = false;
    let greedy = !this.#flags.ungreedy;
    if (this.#src[this.#pos] === '?') {
      this.#pos++;
      greedy = !greedy;
    }
    if (this.#lastRepeat !== '') {
      throw goRegexError('invalid nested repetition operator', this.#src.slice(this.#src.length - this.#lastRepeat.length, this.#pos));
    }
    if (this.#atomStart < 0) throw goRegexError('missing argument to repetition operator', this.#src.slice(start, this.#pos));
    if (min >= 0) {
      const m = max === -1 ? min : max;
      if (m === 0) this.#atomProduct = 1;
      else {
        if ((min >= 2 || max >= 2) && m * this.#atomProduct > 1000) {
          throw goRegexError('invalid repeat count', this.#src.slice(start, this.#pos));
        }
        this.#atomProduct *= m;
      }
    }
    if (this.#atomIsAssertion) {
      this.#out = `${this.#out.slice(0, this.#atomStart)}(?:${this.#out.slice(this.#atomStart)})`;
      this.#atomIsAssertion = false;
    }
    this.#out += op + (greedy ? '' : '?');
    return this.#src.slice(start);
  }

  #openGroup(): void {
    const s = this.#src;
    if (s[this.#pos + 1] !== '?') {
      this.#pos++;
      this.#push('(');
      this.#names.push(undefined);
      return;
    }
    const t = s.slice(this.#pos);
    const startsWithP = t.length > 4 && t[2] === 'P' && t[3] === '<';
    const startsWithName = t.length > 3 && t[2] === '<';
    if (startsWithP || startsWithName) {
      const end = t.indexOf('>');
      if (end < 0) throw goRegexError('invalid named capture', t);
      const name = t.slice(startsWithP ? 4 : 3, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw goRegexError('invalid named capture', t.slice(0, end + 1));
      this.#pos += end + 1;
      this.#push('(');
      this.#names.push(name);
      return;
    }
    const flags = { ...this.#flags };
    let negate = false;
    let sawFlag = false;
    let i = 2;
    for (; i < t.length; i++) {
      const c = t[i];
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        const on = !negate;
        if (c === 'i') flags.fold = on;
        else if (c === 'm') flags.multiLine = on;
        else if (c === 's') flags.dotNL = on;
        else flags.ungreedy = on;
        sawFlag = true;
      } else if (c === '-') {
        if (negate) break;
        negate = true;
        sawFlag = false;
      } else if (c === ':' || c === ')') {
        if (negate && !sawFlag) break;
        this.#pos += i + 1;
        if (c === ':') this.#push('(?:');
        this.#flags = flags;
        return;
      } else break;
    }
    throw goRegexError('invalid or unsupported Perl syntax', t.slice(0, Math.min(i + 1, t.length)));
  }

  #push(open: string): void {
    this.#isLiteral = false;
    this.#beginAtom();
    this.#stack.push({ saved: { ...this.#flags }, start: this.#out.length, outerMax: this.#groupMax });
    this.#groupMax = 1;
    this.#out += open;
    this.#atomStart = -1;
  }

  #closeGroup(): void {
    const frame = this.#stack.pop();
    if (frame === undefined) throw goRegexError('unexpected )', this.#src);
    this.#pos++;
    this.#out += ')';
    this.#flags = frame.saved;
    this.#atomStart = frame.start;
    this.#atomIsAssertion = false;
    const inner = Math.max(this.#groupMax, this.#atomProduct);
    this.#groupMax = frame.outerMax;
    this.#atomProduct = inner;
  }

  #escape(): void {
    const s = this.#src;
    const next = s[this.#pos + 1];
    if (next === undefined) throw goRegexError('trailing backslash at end of expression', '');
    switch (next) {
      case 'A':
        this.#pos += 2;
        this.#atom('^', true);
        return;
      case 'z':
        this.#pos += 2;
        this.#atom('$', true);
        return;
      case 'b':
      case 'B':
        this.#pos += 2;
        this.#atom(`\\${next}`, true);
        return;
      case 'C':
        throw goRegexError('invalid escape sequence', '\\C');
      case 'Q': {
        const end = s.indexOf('\\E', this.#pos + 2);
        const lit = s.slice(this.#pos + 2, end < 0 ? s.length : end);
        this.#pos = end < 0 ? s.length : end + 2;
        for (const ch of lit) this.#literal(ch.codePointAt(0) as number);
        return;
      }
      default:
    }
    const cls = this.#classEscape();
    if (cls !== undefined) {
      this.#atom(cls.props.length > 0 || cls.ranges.length !== 1 || cls.ranges[0]![0] !== cls.ranges[0]![1]
        ? renderClass(cls.ranges, cls.props, false)
        : escapeRune(cls.ranges[0]![0]), false);
      return;
    }
    this.#literal(this.#parseEscapeRune());
  }

  /** `\d \s \w \D \S \W \pX \p{Name} \P…` at #pos, folded as the flags say; undefined if not one. */
  #classEscape(): { ranges: RuneRange[]; props: string[] } | undefined {
    const s = this.#src;
    const c = s[this.#pos + 1] as string;
    const perl = perlClasses[c.toLowerCase()];
    if (perl !== undefined && 'dswDSW'.includes(c)) {
      this.#pos += 2;
      const positive = this.#flags.fold ? foldRanges(perl) : [...perl];
      return { ranges: c === c.toLowerCase() ? positive : negateRanges(positive), props: [] };
    }
    if (c !== 'p' && c !== 'P') return undefined;
    let negated = c === 'P';
    let seq: string;
    let name: string;
    if (s[this.#pos + 2] === '{') {
      const end = s.indexOf('}', this.#pos);
      if (end < 0) throw goRegexError('invalid character class range', s.slice(this.#pos));
      seq = s.slice(this.#pos, end + 1);
      name = s.slice(this.#pos + 3, end);
    } else {
      const cp = s.codePointAt(this.#pos + 2);
      seq = s.slice(this.#pos, this.#pos + 2 + (cp === undefined ? 0 : cp > 0xffff ? 2 : 1));
      name = seq.slice(2);
    }
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const resolved = resolveUnicodeClass(name, negated);
    if (resolved === undefined) throw goRegexError('invalid character class range', seq);
    this.#pos += seq.length;
    if ('ranges' in resolved) return { ranges: resolved.ranges, props: [] };
    return { ranges: [], props: [resolved.prop] };
  }

  /** A single-rune escape (`\n`, `\x41`, `\x{263a}`, `\101`, `\.`) at #pos. */
  #parseEscapeRune(): number {
    const s = this.#src;
    const start = this.#pos;
    const c = s[start + 1] as string;
    this.#pos += 2;
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (simple[c] !== undefined) return simple[c];
    if (c >= '0' && c <= '7') {
      const isOctal = c === '0' || (s[this.#pos] !== undefined && s[this.#pos]! >= '0' && s[this.#pos]! <= '7');
      if (isOctal) {
        let value = Number(c);
        for (let i = 1; i < 3 && s[this.#pos] !== undefined && s[this.#pos]! >= '0' && s[this.#pos]! <= '7'; i++) {
          value = value * 8 + Number(s[this.#pos]);
          this.#pos++;
        }
        return value;
      }
    } else if (c === 'x') {
      const braced = /^\{([0-9A-Fa-f]+)\}/.exec(s.slice(this.#pos));
      if (braced !== null) {
        const value = parseInt(braced[1] as string, 16);
        if (value <= maxRune) {
          this.#pos += braced[0].length;
          return value;
        }
      } else if (/^[0-9A-Fa-f]{2}/.test(s.slice(this.#pos))) {
        this.#pos += 2;
        return parseInt(s.slice(this.#pos - 2, this.#pos), 16);
      }
      throw goRegexError('invalid escape sequence', s.slice(start, Math.min(s.length, this.#pos + 2)));
    } else {
      const cp = c.codePointAt(0) as number;
      if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
    }
    throw goRegexError('invalid escape sequence', s.slice(start, this.#pos));
  }

  /** A bracket class at #pos, rendered. */
  #parseClass(): string {
    const s = this.#src;
    const whole = s.slice(this.#pos);
    this.#pos++;
    let negated = false;
    if (s[this.#pos] === '^') {
      negated = true;
      this.#pos++;
    }
    let ranges: RuneRange[] = [];
    const props: string[] = [];
    let first = true;
    for (;;) {
      if (this.#pos >= s.length) throw goRegexError('missing closing ]', whole);
      if (s[this.#pos] === ']' && !first) break;
      first = false;
      if (s.startsWith('[:', this.#pos)) {
        const end = s.indexOf(':]', this.#pos + 2);
        if (end >= 0) {
          const text = s.slice(this.#pos, end + 2);
          const neg = text[2] === '^';
          const set = posixClasses[text.slice(neg ? 3 : 2, -2)];
          if (set === undefined) throw goRegexError('invalid character class range', text);
          const folded = this.#flags.fold ? foldRanges(set) : [...set];
          ranges.push(...(neg ? negateRanges(folded) : folded));
          this.#pos = end + 2;
          continue;
        }
      }
      if (s[this.#pos] === '\\' && this.#pos + 1 < s.length) {
        const cls = this.#classEscape();
        if (cls !== undefined) {
          ranges.push(...cls.ranges);
          props.push(...cls.props);
          continue;
        }
      }
      const rangeStart = this.#pos;
      const lo = this.#classChar(whole);
      let hi = lo;
      if (s[this.#pos] === '-' && this.#pos + 1 < s.length && s[this.#pos + 1] !== ']') {
        this.#pos++;
        hi = this.#classChar(whole);
        if (hi < lo) throw goRegexError('invalid character class range', s.slice(rangeStart, this.#pos));
      }
      ranges.push([lo, hi]);
    }
    this.#pos++;
    if (this.#flags.fold) ranges = foldRanges(ranges);
    return renderClass(ranges, props, negated);
  }

  #classChar(whole: string): number {
    const s = this.#src;
    if (this.#pos >= s.length) throw goRegexError('missing closing ]', whole);
    if (s[this.#pos] === '\\') return this.#parseEscapeRune();
    const cp = s.codePointAt(this.#pos) as number;
    this.#pos += cp > 0xffff ? 2 : 1;
    return cp;
  }
}
