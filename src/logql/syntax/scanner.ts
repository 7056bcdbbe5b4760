/**
 * A port of Go's text/scanner (as copied into Loki's query_scanner.go) in the
 * GoTokens mode LogQL uses. Positions follow Go exactly, including its quirk
 * that `next()` invalidates the token line (`line = 0`), which is why some of
 * Loki's parse errors say "line 0".
 */

export const EOF = -1;
/** Token classes returned by `scan()`; any other value is a single character's code point. */
export const TOK_IDENT = -2;
export const TOK_INT = -3;
export const TOK_FLOAT = -4;
export const TOK_CHAR = -5;
export const TOK_STRING = -6;
export const TOK_RAW_STRING = -7;

const NOT_READ = -100;

export type ScanErrorHandler = (message: string) => void;

const letterPattern = /\p{L}/u;
const digitPattern = /\p{Nd}/u;

function isLetter(ch: number): boolean {
  if (ch < 0x80) return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90);
  return letterPattern.test(String.fromCodePoint(ch));
}

function isUnicodeDigit(ch: number): boolean {
  if (ch < 0x80) return ch >= 48 && ch <= 57;
  return digitPattern.test(String.fromCodePoint(ch));
}

function isDecimal(ch: number): boolean {
  return ch >= 48 && ch <= 57;
}

function lower(ch: number): number {
  return ch | 0x20;
}

function digitVal(ch: number): number {
  if (ch >= 48 && ch <= 57) return ch - 48;
  const l = lower(ch);
  if (l >= 97 && l <= 102) return l - 97 + 10;
  return 16;
}

/** Go's text/scanner over a string; clone() gives the value copies Loki's lexer uses for look-ahead. */
export class GoScanner {
  src = '';
  srcPos = 0;
  line = 1;
  column = 0;
  lastLineLen = 0;
  lastCharLen = 0;
  ch = NOT_READ;
  tokPos = -1;
  tokEnd = 0;
  /** Token position, as Go's embedded Position (Line 0 = invalidated). */
  Line = 0;
  Column = 0;
  onError: ScanErrorHandler = () => undefined;

  init(src: string, onError: ScanErrorHandler): void {
    this.src = src;
    this.srcPos = 0;
    this.line = 1;
    this.column = 0;
    this.lastLineLen = 0;
    this.lastCharLen = 0;
    this.ch = NOT_READ;
    this.tokPos = -1;
    this.tokEnd = 0;
    this.Line = 0;
    this.Column = 0;
    this.onError = onError;
  }

  clone(): GoScanner {
    const copy = new GoScanner();
    Object.assign(copy, this);
    return copy;
  }

  #error(message: string): void {
    this.tokEnd = this.srcPos - this.lastCharLen;
    this.onError(message);
  }

  /** Reads one character (code point); EOF at the end. */
  #next(): number {
    if (this.srcPos >= this.src.length) {
      if (this.lastCharLen > 0) this.column++;
      this.lastCharLen = 0;
      return EOF;
    }
    const ch = this.src.codePointAt(this.srcPos) as number;
    const width = ch > 0xffff ? 2 : 1;
    this.srcPos += width;
    this.lastCharLen = width;
    this.column++;
    if (ch >= 0xd800 && ch <= 0xdfff) {
      // A lone surrogate is what invalid UTF-8 becomes in a JS string.
      this.#error('invalid UTF-8 encoding');
      return 0xfffd;
    }
    if (ch === 0) this.#error('invalid character NUL');
    else if (ch === 10) {
      this.line++;
      this.lastLineLen = this.column;
      this.column = 0;
    }
    return ch;
  }

  next(): number {
    this.tokPos = -1;
    this.Line = 0;
    const ch = this.peek();
    if (ch !== EOF) this.ch = this.#next();
    return ch;
  }

  peek(): number {
    if (this.ch === NOT_READ) {
      this.ch = this.#next();
      if (this.ch === 0xfeff) this.ch = this.#next();
    }
    return this.ch;
  }

  tokenText(): string {
    if (this.tokPos < 0) return '';
    return this.src.slice(this.tokPos, Math.max(this.tokPos, this.tokEnd));
  }

  scan(): number {
    let ch = this.peek();
    this.tokPos = -1;
    this.Line = 0;
    for (;;) {
      while (ch === 9 || ch === 10 || ch === 13 || ch === 32) ch = this.#next();
      this.tokPos = this.srcPos - this.lastCharLen;
      if (this.column > 0) {
        this.Line = this.line;
        this.Column = this.column;
      } else {
        this.Line = this.line - 1;
        this.Column = this.lastLineLen;
      }
      let tok = ch;
      if (ch === 95 || (ch >= 0 && isLetter(ch))) {
        tok = TOK_IDENT;
        ch = this.#next();
        while (ch === 95 || (ch >= 0 && (isLetter(ch) || isUnicodeDigit(ch)))) ch = this.#next();
      } else if (isDecimal(ch)) {
        [tok, ch] = this.#scanNumber(ch, false);
      } else {
        switch (ch) {
          case EOF:
            break;
          case 34: // "
            this.#scanString(34);
            tok = TOK_STRING;
            ch = this.#next();
            break;
          case 46: // .
            ch = this.#next();
            if (isDecimal(ch)) [tok, ch] = this.#scanNumber(ch, true);
            break;
          case 47: // /
            ch = this.#next();
            if (ch === 47 || ch === 42) {
              this.tokPos = -1;
              ch = this.#scanComment(ch);
              continue;
            }
            break;
          case 96: // `
            this.#scanRawString();
            tok = TOK_RAW_STRING;
            ch = this.#next();
            break;
          case 39: // '
            if (this.#scanString(39) !== 1) this.#error('invalid char literal');
            tok = TOK_CHAR;
            ch = this.#next();
            break;
          default:
            ch = this.#next();
        }
      }
      this.tokEnd = this.srcPos - this.lastCharLen;
      this.ch = ch;
      return tok;
    }
  }

  #scanComment(first: number): number {
    let ch = first;
    if (ch === 47) {
      ch = this.#next();
      while (ch !== 10 && ch >= 0) ch = this.#next();
      return ch;
    }
    ch = this.#next();
    for (;;) {
      if (ch < 0) {
        this.#error('comment not terminated');
        break;
      }
      const ch0 = ch;
      ch = this.#next();
      if (ch0 === 42 && ch === 47) {
        ch = this.#next();
        break;
      }
    }
    return ch;
  }

  #scanDigits(first: number, base: number, count: number): number {
    let ch = first;
    let n = count;
    while (n > 0 && digitVal(ch) < base) {
      ch = this.#next();
      n--;
    }
    if (n > 0) this.#error('invalid char escape');
    return ch;
  }

  #scanEscape(quote: number): number {
    let ch = this.#next();
    switch (ch) {
      case 97: case 98: case 102: case 110: case 114: case 116: case 118: case 92: case quote:
        ch = this.#next();
        break;
      case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55:
        ch = this.#scanDigits(ch, 8, 3);
        break;
      case 120: // x
        ch = this.#scanDigits(this.#next(), 16, 2);
        break;
      case 117: // u
        ch = this.#scanDigits(this.#next(), 16, 4);
        break;
      case 85: // U
        ch = this.#scanDigits(this.#next(), 16, 8);
        break;
      default:
        this.#error('invalid char escape');
    }
    return ch;
  }

  #scanString(quote: number): number {
    let ch = this.#next();
    let n = 0;
    while (ch !== quote) {
      if (ch === 10 || ch < 0) {
        this.#error('literal not terminated');
        return n;
      }
      if (ch === 92) ch = this.#scanEscape(quote);
      else ch = this.#next();
      n++;
    }
    return n;
  }

  #scanRawString(): void {
    let ch = this.#next();
    while (ch !== 96) {
      if (ch < 0) {
        this.#error('literal not terminated');
        return;
      }
      ch = this.#next();
    }
  }

  #digits(first: number, base: number, invalid: { ch: number }): [number, number] {
    let ch = first;
    let digsep = 0;
    if (base <= 10) {
      const max = 48 + base;
      while (isDecimal(ch) || ch === 95) {
        let ds = 1;
        if (ch === 95) ds = 2;
        else if (ch >= max && invalid.ch === 0) invalid.ch = ch;
        digsep |= ds;
        ch = this.#next();
      }
    } else {
      while (digitVal(ch) < 16 || ch === 95) {
        digsep |= ch === 95 ? 2 : 1;
        ch = this.#next();
      }
    }
    return [ch, digsep];
  }

  #scanNumber(first: number, seenDotIn: boolean): [number, number] {
    let ch = first;
    let seenDot = seenDotIn;
    let base = 10;
    let prefix = 0;
    let digsep = 0;
    const invalid = { ch: 0 };
    let tok = TOK_INT;
    let ds = 0;
    if (!seenDot) {
      if (ch === 48) {
        ch = this.#next();
        switch (lower(ch)) {
          case 120:
            ch = this.#next();
            base = 16;
            prefix = 120;
            break;
          case 111:
            ch = this.#next();
            base = 8;
            prefix = 111;
            break;
          case 98: {
            const p = this.peek();
            if (p === 48 || p === 49) {
              ch = this.#next();
              base = 2;
              prefix = 98;
            }
            break;
          }
          default:
            base = 8;
            prefix = 48;
            digsep = 1;
        }
      }
      [ch, ds] = this.#digits(ch, base, invalid);
      digsep |= ds;
      if (ch === 46) {
        ch = this.#next();
        seenDot = true;
      }
    }
    if (seenDot) {
      tok = TOK_FLOAT;
      if (prefix === 111 || prefix === 98) this.#error(`invalid radix point in ${literalName(prefix)}`);
      [ch, ds] = this.#digits(ch, base, invalid);
      digsep |= ds;
    }
    if ((digsep & 1) === 0) this.#error(`${literalName(prefix)} has no digits`);
    const e = lower(ch);
    if (e === 101 || (e === 112 && prefix === 120)) {
      if (e === 101 && prefix !== 0 && prefix !== 48) this.#error(`'${String.fromCodePoint(ch)}' exponent requires decimal mantissa`);
      ch = this.#next();
      tok = TOK_FLOAT;
      if (ch === 43 || ch === 45) ch = this.#next();
      [ch, ds] = this.#digits(ch, 10, { ch: 0 });
      digsep |= ds;
      if ((ds & 1) === 0) this.#error('exponent has no digits');
    } else if (prefix === 120 && tok === TOK_FLOAT) {
      this.#error("hexadecimal mantissa requires a 'p' exponent");
    }
    if (tok === TOK_INT && invalid.ch !== 0) {
      this.#error(`invalid digit '${String.fromCodePoint(invalid.ch)}' in ${literalName(prefix)}`);
    }
    if ((digsep & 2) !== 0) {
      this.tokEnd = this.srcPos - this.lastCharLen;
      if (invalidSeparator(this.src.slice(this.tokPos, this.tokEnd)) >= 0) this.#error("'_' must separate successive digits");
    }
    return [tok, ch];
  }
}

function literalName(prefix: number): string {
  switch (prefix) {
    case 120:
      return 'hexadecimal literal';
    case 111:
    case 48:
      return 'octal literal';
    case 98:
      return 'binary literal';
    default:
      return 'decimal literal';
  }
}

/** Go's invalidSep: index of the first misplaced '_', or -1. */
function invalidSeparator(text: string): number {
  let x1 = 32;
  let d = 46;
  let i = 0;
  if (text.length >= 2 && text.charCodeAt(0) === 48) {
    x1 = lower(text.charCodeAt(1));
    if (x1 === 120 || x1 === 111 || x1 === 98) {
      d = 48;
      i = 2;
    }
  }
  for (; i < text.length; i++) {
    const p = d;
    d = text.charCodeAt(i);
    if (d === 95) {
      if (p !== 48) return i;
    } else if (isDecimal(d) || (x1 === 120 && digitVal(d) < 16)) {
      d = 48;
    } else {
      if (p === 95) return i - 1;
      d = 46;
    }
  }
  if (d === 95) return text.length - 1;
  return -1;
}
