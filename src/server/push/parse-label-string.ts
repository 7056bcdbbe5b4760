import { WatchpostError, type Labels } from '../../core/index.js';

/**
 * Parses a push stream's label string, `{app="x", env="prod"}`, as Loki's
 * `syntax.ParseLabels` does through Prometheus's metric parser: optional
 * whitespace, names `[a-zA-Z_][a-zA-Z0-9_]*`, values in double quotes,
 * single quotes or backticks with Go escapes, a trailing comma allowed.
 * Empty values are dropped (they equal absent labels). Errors answer 400
 * `couldn't parse labels: <line>:<col>: parse error: <reason>` in
 * Prometheus's words; a repeated name answers Loki's duplicate-label text.
 */
export function parseLabelString(text: string): Labels {
  const p = new LabelStringParser(text);
  return p.parse();
}

interface Token {
  readonly kind: 'ident' | 'string' | '=' | ',' | '}' | 'eof';
  readonly text: string;
  readonly pos: number;
}

class LabelStringParser {
  readonly #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  parse(): Labels {
    this.#skipSpace();
    if (this.#text[this.#pos] !== '{') {
      // A bare metric name is allowed by Prometheus, but Loki streams never carry one.
      if (this.#pos >= this.#text.length) throw this.#error(this.#pos, 'unexpected end of input');
      throw this.#error(this.#pos, `unexpected character: ${goQuoteRune(this.#text[this.#pos] as string)}`);
    }
    this.#pos++;
    const labels: Record<string, string> = {};
    const seen = new Set<string>();
    for (;;) {
      let tok = this.#next();
      if (tok.kind === '}') break;
      if (tok.kind !== 'ident') throw this.#unexpected(tok, 'in label set', 'identifier or "}"');
      const name = tok.text;
      tok = this.#next();
      if (tok.kind !== '=') throw this.#unexpected(tok, 'in label set', '"="');
      tok = this.#next();
      if (tok.kind !== 'string') throw this.#unexpected(tok, 'in label set', 'string');
      if (seen.has(name)) {
        throw new WatchpostError('ERR_INGEST_INVALID', `stream '${this.#text}' has duplicate label name: '${name}'`);
      }
      seen.add(name);
      // defineProperty: a name such as `__proto__` must become a label, not a prototype.
      if (tok.text !== '') Object.defineProperty(labels, name, { value: tok.text, enumerable: true, writable: true, configurable: true });
      tok = this.#next();
      if (tok.kind === '}') break;
      if (tok.kind !== ',') throw this.#unexpected(tok, 'in label set', '"," or "}"');
    }
    this.#skipSpace();
    if (this.#pos < this.#text.length) throw this.#error(this.#pos, `unexpected character: ${goQuoteRune(this.#text[this.#pos] as string)}`);
    return labels;
  }

  #skipSpace(): void {
    while (this.#pos < this.#text.length && isSpace(this.#text.charCodeAt(this.#pos))) this.#pos++;
  }

  #next(): Token {
    this.#skipSpace();
    const start = this.#pos;
    if (start >= this.#text.length) throw this.#error(start, 'unexpected end of input inside braces');
    const ch = this.#text[start] as string;
    if (ch === '=' || ch === ',' || ch === '}') {
      this.#pos++;
      return { kind: ch, text: ch, pos: start };
    }
    if (ch === '"' || ch === "'" || ch === '`') return { kind: 'string', text: this.#readString(ch), pos: start };
    if (isNameStart(ch.charCodeAt(0))) {
      let end = start + 1;
      while (end < this.#text.length && isNameChar(this.#text.charCodeAt(end))) end++;
      this.#pos = end;
      return { kind: 'ident', text: this.#text.slice(start, end), pos: start };
    }
    throw this.#error(start, `unexpected character inside braces: ${goQuoteRune(ch)}`);
  }

  #readString(quote: string): string {
    const open = this.#pos;
    let i = open + 1;
    let out = '';
    for (;;) {
      if (i >= this.#text.length) throw this.#error(open, 'unterminated quoted string');
      const ch = this.#text[i] as string;
      if (ch === quote) break;
      if (quote !== '`' && ch === '\n') throw this.#error(open, 'unterminated quoted string');
      if (ch === '\\' && quote !== '`') {
        const esc = this.#text[i + 1];
        const simple = esc === undefined ? undefined : escapes[esc];
        if (esc === quote) {
          out += quote;
          i += 2;
        } else if (simple !== undefined) {
          out += simple;
          i += 2;
        } else if (esc === 'x' || esc === 'u' || esc === 'U') {
          const width = esc === 'x' ? 2 : esc === 'u' ? 4 : 8;
          const hex = this.#text.slice(i + 2, i + 2 + width);
          if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) throw this.#error(i, 'invalid escape sequence');
          out += esc === 'x' ? String.fromCharCode(parseInt(hex, 16)) : String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
          i += 2 + width;
        } else {
          throw this.#error(i, `unknown escape sequence ${goQuoteRune(esc ?? '')}`);
        }
        continue;
      }
      out += ch;
      i++;
    }
    this.#pos = i + 1;
    return out;
  }

  #unexpected(tok: Token, context: string, expected: string): WatchpostError {
    const desc = tok.kind === 'ident' ? `identifier "${tok.text}"` : tok.kind === 'string' ? `string ${JSON.stringify(tok.text)}` : `"${tok.text}"`;
    return this.#error(tok.pos, `unexpected ${desc} ${context}, expected ${expected}`);
  }

  /** Prometheus positions: 1-based line:column of the offending byte. */
  #error(pos: number, reason: string): WatchpostError {
    const before = this.#text.slice(0, pos);
    const line = before.split('\n').length;
    const col = pos - (before.lastIndexOf('\n') + 1) + 1;
    return new WatchpostError('ERR_API_BAD_REQUEST', `couldn't parse labels: ${line}:${col}: parse error: ${reason}`);
  }
}

const escapes: Record<string, string> = { a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** Go's %q of a rune: 'x'. */
function goQuoteRune(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '\\') return "'\\\\'";
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${ch}'`;
}

/** Whether `name` is a valid Prometheus label name. */
export function isValidLabelName(name: string): boolean {
  if (name.length === 0 || !isNameStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) if (!isNameChar(name.charCodeAt(i))) return false;
  return true;
}
