/**
 * A port of Go's text/scanner (as copied into Loki's query_scanner.go) in the
 * GoTokens mode LogQL uses. Positions follow Go exactly, including its quirk
 * that `next()` invalidates the token line (`line = 0`), which is why some of
 * Loki's parse errors say "line 0".
 */

import { digitVal, isDecimal, isLetter, isUnicodeDigit } from './scan-chars.js';
import { scanNumber } from './scan-number.js';

export { EOF, TOK_CHAR, TOK_FLOAT, TOK_IDENT, TOK_INT, TOK_RAW_STRING, TOK_STRING } from './scan-tokens.js';
import { EOF, TOK_CHAR, TOK_IDENT, TOK_RAW_STRING, TOK_STRING } from './scan-tokens.js';

const NOT_READ = -100;

export type ScanErrorHandler = (message: string) => void;

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

  /** Reports a scanner error at the current token (Go's s.error). */
  report(message: string): void {
    this.tokEnd = this.srcPos - this.lastCharLen;
    this.onError(message);
  }

  /** Reads one character (code point), Go's unexported next(); EOF at the end. */
  read(): number {
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
      this.report('invalid UTF-8 encoding');
      return 0xfffd;
    }
    if (ch === 0) this.report('invalid character NUL');
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
    if (ch !== EOF) this.ch = this.read();
    return ch;
  }

  peek(): number {
    if (this.ch === NOT_READ) {
      this.ch = this.read();
      if (this.ch === 0xfeff) this.ch = this.read();
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
      while (ch === 9 || ch === 10 || ch === 13 || ch === 32) ch = this.read();
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
        ch = this.read();
        while (ch === 95 || (ch >= 0 && (isLetter(ch) || isUnicodeDigit(ch)))) ch = this.read();
      } else if (isDecimal(ch)) {
        [tok, ch] = scanNumber(this, ch, false);
      } else {
        switch (ch) {
          case EOF:
            break;
          case 34: // "
            this.#scanString(34);
            tok = TOK_STRING;
            ch = this.read();
            break;
          case 46: // .
            ch = this.read();
            if (isDecimal(ch)) [tok, ch] = scanNumber(this, ch, true);
            break;
          case 47: // /
            ch = this.read();
            if (ch === 47 || ch === 42) {
              this.tokPos = -1;
              ch = this.#scanComment(ch);
              continue;
            }
            break;
          case 96: // `
            this.#scanRawString();
            tok = TOK_RAW_STRING;
            ch = this.read();
            break;
          case 39: // '
            if (this.#scanString(39) !== 1) this.report('invalid char literal');
            tok = TOK_CHAR;
            ch = this.read();
            break;
          default:
            ch = this.read();
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
      ch = this.read();
      while (ch !== 10 && ch >= 0) ch = this.read();
      return ch;
    }
    ch = this.read();
    for (;;) {
      if (ch < 0) {
        this.report('comment not terminated');
        break;
      }
      const ch0 = ch;
      ch = this.read();
      if (ch0 === 42 && ch === 47) {
        ch = this.read();
        break;
      }
    }
    return ch;
  }

  #scanDigits(first: number, base: number, count: number): number {
    let ch = first;
    let n = count;
    while (n > 0 && digitVal(ch) < base) {
      ch = this.read();
      n--;
    }
    if (n > 0) this.report('invalid char escape');
    return ch;
  }

  #scanEscape(quote: number): number {
    let ch = this.read();
    switch (ch) {
      case 97: case 98: case 102: case 110: case 114: case 116: case 118: case 92: case quote:
        ch = this.read();
        break;
      case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55:
        ch = this.#scanDigits(ch, 8, 3);
        break;
      case 120: // x
        ch = this.#scanDigits(this.read(), 16, 2);
        break;
      case 117: // u
        ch = this.#scanDigits(this.read(), 16, 4);
        break;
      case 85: // U
        ch = this.#scanDigits(this.read(), 16, 8);
        break;
      default:
        this.report('invalid char escape');
    }
    return ch;
  }

  #scanString(quote: number): number {
    let ch = this.read();
    let n = 0;
    while (ch !== quote) {
      if (ch === 10 || ch < 0) {
        this.report('literal not terminated');
        return n;
      }
      if (ch === 92) ch = this.#scanEscape(quote);
      else ch = this.read();
      n++;
    }
    return n;
  }

  #scanRawString(): void {
    let ch = this.read();
    while (ch !== 96) {
      if (ch < 0) {
        this.report('literal not terminated');
        return;
      }
      ch = this.read();
    }
  }
}
