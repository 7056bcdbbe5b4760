/**
 * Loki's LogQL lexer (lex.go) on top of the Go scanner port. Token types are
 * the names goyacc prints in syntax errors: operators and keywords print as
 * their text (`{`, `|=`, `by`, `json`), the rest by name (`IDENTIFIER`,
 * `STRING`, `NUMBER`, `DURATION`, `RANGE`, `RATE`, `SUM`, …), EOF as `$end`.
 */
import { parseBytes } from '../../core/go/bytes.js';
import { parseLogqlDuration, parsePromDuration } from '../../core/go/duration.js';
import { unquoteGoString } from './go-unquote.js';
import { createParseError } from './parse-error.js';
import { EOF, GoScanner, TOK_FLOAT, TOK_INT, TOK_RAW_STRING, TOK_STRING } from './scanner.js';

export interface Token {
  readonly type: string;
  /** Identifier/string/number text (strings unquoted), or the keyword as written. */
  readonly text: string;
  /** DURATION and RANGE values in nanoseconds; BYTES values in bytes. */
  readonly value: number;
  /** Go's token position (line 0 when Loki's lexer advanced with Next()). */
  readonly line: number;
  readonly col: number;
}

/** Plain keywords and operators (Loki `tokens`), keyed by lower-case text. */
const keywordTokens: ReadonlyMap<string, string> = new Map(
  [
    ',', '.', '{', '}', '=', '!=', '=~', '!~', '!>', '|=', '|~', '|>', '|', 'unwrap', '(', ')', 'by', 'without', 'bool',
    '[', ']', 'label_replace', 'offset', 'on', 'ignoring', 'group_left', 'group_right', 'or', 'and', 'unless', '+', '-',
    '*', '/', '%', '^', '==', '>', '>=', '<', '<=', 'json', 'regexp', 'logfmt', 'unpack', 'pattern', 'label_format',
    'line_format', 'ip', 'decolorize', 'drop', 'keep',
  ].map((t) => [t, t]),
);

/** Words that are keywords only when followed by `(` or `by (`/`without (` (Loki `functionTokens`). */
const functionTokens: ReadonlyMap<string, string> = new Map([
  ['rate', 'RATE'],
  ['rate_counter', 'RATE_COUNTER'],
  ['count_over_time', 'COUNT_OVER_TIME'],
  ['bytes_rate', 'BYTES_RATE'],
  ['bytes_over_time', 'BYTES_OVER_TIME'],
  ['avg_over_time', 'AVG_OVER_TIME'],
  ['sum_over_time', 'SUM_OVER_TIME'],
  ['min_over_time', 'MIN_OVER_TIME'],
  ['max_over_time', 'MAX_OVER_TIME'],
  ['stdvar_over_time', 'STDVAR_OVER_TIME'],
  ['stddev_over_time', 'STDDEV_OVER_TIME'],
  ['quantile_over_time', 'QUANTILE_OVER_TIME'],
  ['first_over_time', 'FIRST_OVER_TIME'],
  ['last_over_time', 'LAST_OVER_TIME'],
  ['absent_over_time', 'ABSENT_OVER_TIME'],
  ['vector', 'VECTOR'],
  ['sum', 'SUM'],
  ['avg', 'AVG'],
  ['max', 'MAX'],
  ['min', 'MIN'],
  ['count', 'COUNT'],
  ['stddev', 'STDDEV'],
  ['stdvar', 'STDVAR'],
  ['bottomk', 'BOTTOMK'],
  ['topk', 'TOPK'],
  ['sort', 'SORT'],
  ['sort_desc', 'SORT_DESC'],
  ['label_replace', 'label_replace'],
  ['approx_topk', 'APPROX_TOPK'],
  ['bytes', 'BYTES_CONV'],
  ['duration', 'DURATION_CONV'],
  ['duration_seconds', 'DURATION_SECONDS_CONV'],
  ['ip', 'ip'],
]);

const parserFlags = new Set(['--strict', '--keep-empty']);

const numberPattern = /\p{N}/u;
const letterPattern = /\p{L}/u;
const spacePattern = /[\s\u0085]/u;

function isGoSpace(ch: number): boolean {
  if (ch === 32 || (ch >= 9 && ch <= 13)) return true;
  if (ch < 0x80) return false;
  return ch !== 0xfeff && spacePattern.test(String.fromCodePoint(ch));
}

function isGoNumber(ch: number): boolean {
  if (ch < 0x80) return ch >= 48 && ch <= 57;
  return numberPattern.test(String.fromCodePoint(ch));
}

function isGoLetter(ch: number): boolean {
  if (ch < 0x80) return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90);
  return letterPattern.test(String.fromCodePoint(ch));
}

function isDurationRune(ch: number): boolean {
  // n u µ m s h d w y
  return ch === 110 || ch === 117 || ch === 0xb5 || ch === 109 || ch === 115 || ch === 104 || ch === 100 || ch === 119 || ch === 121;
}

function isBytesSizeRune(ch: number): boolean {
  // B i k K M G T P
  return ch === 66 || ch === 105 || ch === 107 || ch === 75 || ch === 77 || ch === 71 || ch === 84 || ch === 80;
}

/** The LogQL lexer: call `next()` for each token; lexical errors throw ERR_LOGQL_PARSE. */
export class Lexer {
  readonly #s = new GoScanner();

  constructor(input: string) {
    this.#s.init(input, (message) => {
      throw createParseError(message, this.#s.Line, this.#s.Column);
    });
  }

  #token(type: string, text: string, value = 0): Token {
    return { type, text, value, line: this.#s.Line, col: this.#s.Column };
  }

  #fail(message: string): never {
    throw createParseError(message, this.#s.Line, this.#s.Column);
  }

  next(): Token {
    const s = this.#s;
    for (;;) {
      const r = s.scan();
      if (r === 35) {
        // '#': a comment to the end of the line.
        for (let c = s.peek(); c !== 10 && c !== EOF; c = s.next()) {
          /* skip */
        }
        continue;
      }
      if (r === EOF) return this.#token('$end', '');
      if (r === TOK_INT || r === TOK_FLOAT) {
        const numberText = s.tokenText();
        const duration = this.#tryScanUnit(numberText, isDurationRune, parseLogqlDuration);
        if (duration !== undefined) return this.#token('DURATION', duration[1], duration[0]);
        const bytes = this.#tryScanUnit(numberText, isBytesSizeRune, parseBytes);
        if (bytes !== undefined) return this.#token('BYTES', bytes[1], bytes[0]);
        return this.#token('NUMBER', numberText);
      }
      if (r === 45) {
        // '-': parser flags and negative durations.
        if (s.peek() === 45) {
          const flag = this.#tryScanFlag();
          if (flag !== undefined) return this.#token('FUNCTION_FLAG', flag);
        }
        const duration = this.#tryScanUnit('-', isDurationRune, parseLogqlDuration);
        if (duration !== undefined) return this.#token('DURATION', duration[1], duration[0]);
      }
      if (r === TOK_STRING || r === TOK_RAW_STRING) {
        const value = unquoteGoString(s.tokenText());
        if (value === undefined) this.#fail('invalid syntax');
        return this.#token('STRING', value);
      }
      if (r === 91) return this.#scanRange();
      const tokenText = s.tokenText();
      const lowerText = tokenText.toLowerCase();
      const fn = functionTokens.get(lowerText);
      if (fn !== undefined) {
        if (!this.#isFunction()) return this.#token('IDENTIFIER', tokenText);
        return this.#token(fn, tokenText);
      }
      const peeked = s.peek();
      if (peeked >= 0) {
        const two = keywordTokens.get((tokenText + String.fromCodePoint(peeked)).toLowerCase());
        if (two !== undefined) {
          s.next();
          return this.#token(two, two);
        }
      }
      const keyword = keywordTokens.get(lowerText);
      if (keyword !== undefined) return this.#token(keyword, tokenText);
      return this.#token('IDENTIFIER', tokenText);
    }
  }

  /** `[5m]`: a Prometheus duration up to `]`. */
  #scanRange(): Token {
    const s = this.#s;
    let text = '';
    for (let c = s.next(); c !== EOF; c = s.next()) {
      if (c === 93) {
        const parsed = parsePromDuration(text);
        if (!parsed.ok) this.#fail(parsed.error);
        return this.#token('RANGE', text, parsed.value);
      }
      text += String.fromCodePoint(c);
    }
    return this.#fail("missing closing ']' in duration");
  }

  /** Loki tryScanDuration / tryScanBytes: extend a number with unit runes when the result parses. */
  #tryScanUnit(
    prefix: string,
    isUnitRune: (ch: number) => boolean,
    parse: (text: string) => { ok: true; value: number } | { ok: false; error: string },
  ): readonly [number, string] | undefined {
    const copy = this.#s.clone();
    let text = prefix;
    let consumed = 0;
    for (let c = copy.peek(); c !== EOF && !isGoSpace(c); c = copy.peek()) {
      if (!isGoNumber(c) && !isUnitRune(c) && c !== 46) break;
      text += String.fromCodePoint(c);
      copy.next();
      consumed++;
    }
    if (consumed === 0) return undefined;
    const parsed = parse(text);
    if (!parsed.ok) return undefined;
    for (let i = 0; i < consumed; i++) this.#s.next();
    return [parsed.value, text];
  }

  #tryScanFlag(): string | undefined {
    const copy = this.#s.clone();
    let flag = '-';
    let consumed = 0;
    for (let c = copy.peek(); isGoLetter(c) || c === 45; c = copy.peek()) {
      flag += String.fromCodePoint(c);
      copy.next();
      consumed++;
    }
    if (!parserFlags.has(flag)) return undefined;
    for (let i = 0; i < consumed; i++) this.#s.next();
    return flag;
  }

  /**
   * Loki isFunction: after white space comes `(`, or `by`/`without` (any case)
   * then white space then `(`. Loki reads to the end of input to decide; the
   * answer only depends on these prefixes, so this stops early.
   */
  #isFunction(): boolean {
    const copy = this.#s.clone();
    skipSpace(copy);
    const first = copy.next();
    if (first === 40) return true;
    const word = (first: number): boolean => {
      for (const expected of ['by', 'without']) {
        if (String.fromCodePoint(first).toLowerCase() !== expected[0]) continue;
        const probe = copy.clone();
        let ok = true;
        for (let i = 1; i < expected.length; i++) {
          const c = probe.next();
          if (c === EOF || String.fromCodePoint(c).toLowerCase() !== expected[i]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        skipSpace(probe);
        return probe.next() === 40;
      }
      return false;
    };
    return first !== EOF && word(first);
  }
}

function skipSpace(s: GoScanner): void {
  for (let c = s.peek(); c !== EOF && isGoSpace(c); c = s.peek()) s.next();
}
