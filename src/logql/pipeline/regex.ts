import { escapeRune, foldOrbit, maxRune, renderClass, type RuneRange } from './regex-class.js';
import { goRegexError } from './regex-error.js';
import { parseBracketClass, parseClassEscape, parseEscapeRune, type RegexCursor } from './regex-escape.js';

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

export { goRegexError };

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

  #cursor<T>(parse: (cur: RegexCursor) => T): T {
    const cur = { src: this.#src, pos: this.#pos };
    const result = parse(cur);
    this.#pos = cur.pos;
    return result;
  }

  #classEscape(): { ranges: RuneRange[]; props: string[] } | undefined {
    return this.#cursor((cur) => parseClassEscape(cur, this.#flags.fold));
  }

  #parseEscapeRune(): number {
    return this.#cursor(parseEscapeRune);
  }

  #parseClass(): string {
    return this.#cursor((cur) => parseBracketClass(cur, this.#flags.fold));
  }
}
