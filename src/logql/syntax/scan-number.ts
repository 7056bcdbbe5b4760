/**
 * Number literals of Go's text/scanner, as in Loki's query_scanner.go copy
 * (including its `0b` check that reads a stale Peek, which makes `0B` an
 * error). Split from scanner.ts; works on the scanner's internal state.
 */
import { digitVal, isDecimal, lower } from './scan-chars.js';
import { TOK_FLOAT, TOK_INT } from './scan-tokens.js';

/** The part of GoScanner that number scanning reads and moves. */
export interface NumberScannerState {
  readonly src: string;
  readonly srcPos: number;
  readonly lastCharLen: number;
  readonly tokPos: number;
  tokEnd: number;
  read(): number;
  peek(): number;
  report(message: string): void;
}

function digits(s: NumberScannerState, first: number, base: number, invalid: { ch: number }): [number, number] {
  let ch = first;
  let digsep = 0;
  if (base <= 10) {
    const max = 48 + base;
    while (isDecimal(ch) || ch === 95) {
      let ds = 1;
      if (ch === 95) ds = 2;
      else if (ch >= max && invalid.ch === 0) invalid.ch = ch;
      digsep |= ds;
      ch = s.read();
    }
  } else {
    while (digitVal(ch) < 16 || ch === 95) {
      digsep |= ch === 95 ? 2 : 1;
      ch = s.read();
    }
  }
  return [ch, digsep];
}

/** Go scanNumber (Loki's copy): Int or Float, with Go's errors for malformed literals. */
export function scanNumber(s: NumberScannerState, first: number, seenDotIn: boolean): [number, number] {
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
      ch = s.read();
      switch (lower(ch)) {
        case 120:
          ch = s.read();
          base = 16;
          prefix = 120;
          break;
        case 111:
          ch = s.read();
          base = 8;
          prefix = 111;
          break;
        case 98: {
          const p = s.peek();
          if (p === 48 || p === 49) {
            ch = s.read();
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
    [ch, ds] = digits(s, ch, base, invalid);
    digsep |= ds;
    if (ch === 46) {
      ch = s.read();
      seenDot = true;
    }
  }
  if (seenDot) {
    tok = TOK_FLOAT;
    if (prefix === 111 || prefix === 98) s.report(`invalid radix point in ${literalName(prefix)}`);
    [ch, ds] = digits(s, ch, base, invalid);
    digsep |= ds;
  }
  if ((digsep & 1) === 0) s.report(`${literalName(prefix)} has no digits`);
  const e = lower(ch);
  if (e === 101 || (e === 112 && prefix === 120)) {
    if (e === 101 && prefix !== 0 && prefix !== 48) s.report(`'${String.fromCodePoint(ch)}' exponent requires decimal mantissa`);
    ch = s.read();
    tok = TOK_FLOAT;
    if (ch === 43 || ch === 45) ch = s.read();
    [ch, ds] = digits(s, ch, 10, { ch: 0 });
    digsep |= ds;
    if ((ds & 1) === 0) s.report('exponent has no digits');
  } else if (prefix === 120 && tok === TOK_FLOAT) {
    s.report("hexadecimal mantissa requires a 'p' exponent");
  }
  if (tok === TOK_INT && invalid.ch !== 0) {
    s.report(`invalid digit '${String.fromCodePoint(invalid.ch)}' in ${literalName(prefix)}`);
  }
  if ((digsep & 2) !== 0) {
    s.tokEnd = s.srcPos - s.lastCharLen;
    if (invalidSeparator(s.src.slice(s.tokPos, s.tokEnd)) >= 0) s.report("'_' must separate successive digits");
  }
  return [tok, ch];
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
