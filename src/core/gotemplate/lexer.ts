/**
 * The lexer of Go's text/template (`text/template/parse/lex.go`): text,
 * actions between `{{` `}}`, trim markers `{{- ` / ` -}}`, comments
 * `{{/* … *\/}}`. Errors are returned as an `error` item with Go's message.
 */
export type ItemType =
  | 'text' | 'leftDelim' | 'rightDelim' | 'space' | 'identifier' | 'field' | 'variable' | 'char' | 'number'
  | 'string' | 'rawString' | 'bool' | 'nil' | 'dot' | 'pipe' | 'leftParen' | 'rightParen' | 'assign'
  | 'declare' | 'comma' | 'keyword' | 'eof' | 'error';

export interface Item {
  readonly type: ItemType;
  readonly val: string;
  /** Byte-ish offset in the template text (UTF-16 index). */
  readonly pos: number;
  readonly line: number;
}

const keywords = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

export function lexTemplate(input: string, leftDelim = '{{', rightDelim = '}}'): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let line = 1;
  let parenDepth = 0;
  const emit = (type: ItemType, start: number, end: number, val = input.slice(start, end)): void => {
    items.push({ type, val, pos: start, line });
    for (let i = start; i < end; i++) if (input.charCodeAt(i) === 10) line++;
  };
  const fail = (msg: string): Item[] => {
    items.push({ type: 'error', val: msg, pos, line });
    return items;
  };
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  while (pos < input.length) {
    const next = input.indexOf(leftDelim, pos);
    const textEnd = next < 0 ? input.length : next;
    let trimmedEnd = textEnd;
    const trimLeft = next >= 0 && input[next + leftDelim.length] === '-' && isSpace(input[next + leftDelim.length + 1]);
    if (trimLeft) while (trimmedEnd > pos && isSpace(input[trimmedEnd - 1])) trimmedEnd--;
    if (trimmedEnd > pos) emit('text', pos, trimmedEnd);
    else line += countNewlines(input, pos, trimmedEnd);
    line += countNewlines(input, trimmedEnd, textEnd);
    if (next < 0) break;
    pos = next;
    let p = next + leftDelim.length + (trimLeft ? 2 : 0);
    // comment
    if (input.startsWith('/*', p)) {
      const end = input.indexOf('*/', p + 2);
      if (end < 0) return fail('unclosed comment');
      let q = end + 2;
      let trimRight = false;
      if (isSpace(input[q]) && input[q + 1] === '-' && input.startsWith(rightDelim, q + 2)) {
        trimRight = true;
        q += 2;
      }
      if (!input.startsWith(rightDelim, q)) return fail('comment ends before closing delimiter');
      line += countNewlines(input, pos, q + rightDelim.length);
      pos = q + rightDelim.length;
      if (trimRight) pos = skipSpaces(input, pos, (n) => (line += n));
      continue;
    }
    emit('leftDelim', pos, next + leftDelim.length);
    parenDepth = 0;
    // inside action
    for (;;) {
      const rightTrim = isSpace(input[p]) && input[p + 1] === '-' && input.startsWith(rightDelim, p + 2);
      if (input.startsWith(rightDelim, p) || rightTrim) {
        if (parenDepth > 0) {
          pos = p;
          return fail('unclosed left paren');
        }
        const start = rightTrim ? p + 2 : p;
        if (rightTrim) emit('space', p, p + 1);
        emit('rightDelim', start, start + rightDelim.length);
        pos = start + rightDelim.length;
        if (rightTrim) pos = skipSpaces(input, pos, (n) => (line += n));
        break;
      }
      if (p >= input.length) {
        pos = p;
        return fail('unclosed action');
      }
      const c = input[p] as string;
      const start = p;
      if (isSpace(c)) {
        while (p < input.length && isSpace(input[p]) && !(input[p + 1] === '-' && input.startsWith(rightDelim, p + 2) && isSpace(input[p]))) p++;
        if (p === start) p++;
        emit('space', start, p);
      } else if (c === '=') {
        p++;
        emit('assign', start, p);
      } else if (c === ':') {
        if (input[p + 1] !== '=') {
          pos = p;
          return fail('expected :=');
        }
        p += 2;
        emit('declare', start, p);
      } else if (c === '|') {
        p++;
        emit('pipe', start, p);
      } else if (c === ',') {
        p++;
        emit('comma', start, p);
      } else if (c === '"' || c === "'") {
        const close = scanQuoted(input, p);
        if (close.failed) {
          pos = close.end;
          return fail(c === '"' ? 'unterminated quoted string' : 'unterminated character constant');
        }
        p = close.end;
        emit(c === '"' ? 'string' : 'char', start, p);
      } else if (c === '`') {
        const end = input.indexOf('`', p + 1);
        if (end < 0) {
          pos = p;
          return fail('unterminated raw quoted string');
        }
        p = end + 1;
        emit('rawString', start, p);
      } else if (c === '$') {
        p++;
        while (p < input.length && isAlnum(input[p] as string)) p++;
        emit('variable', start, p);
      } else if (c === '.') {
        const d = input[p + 1];
        if (d !== undefined && d >= '0' && d <= '9') {
          p = scanNumber(input, p);
          emit('number', start, p);
        } else {
          p++;
          if (d !== undefined && isAlnum(d)) {
            while (p < input.length && isAlnum(input[p] as string)) p++;
            emit('field', start, p);
          } else emit('dot', start, p);
        }
      } else if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
        p = scanNumber(input, p);
        const end = p;
        if (isAlnum(input[p] ?? ' ') || input[p] === '.') {
          while (p < input.length && (isAlnum(input[p] as string) || input[p] === '.')) p++;
          pos = start;
          return fail(`bad number syntax: "${input.slice(start, p)}"`);
        }
        emit('number', start, end);
      } else if (isAlnum(c)) {
        while (p < input.length && isAlnum(input[p] as string)) p++;
        const word = input.slice(start, p);
        if (keywords.has(word)) emit(word === 'nil' ? 'nil' : 'keyword', start, p);
        else if (word === 'true' || word === 'false') emit('bool', start, p);
        else emit('identifier', start, p);
      } else if (c === '(') {
        p++;
        parenDepth++;
        emit('leftParen', start, p);
      } else if (c === ')') {
        p++;
        parenDepth--;
        if (parenDepth < 0) {
          pos = start;
          return fail(`unexpected right paren`);
        }
        emit('rightParen', start, p);
      } else {
        pos = start;
        const cp = input.codePointAt(p) as number;
        return fail(`unrecognized character in action: ${formatRune(cp)}`);
      }
    }
  }
  items.push({ type: 'eof', val: '', pos: input.length, line });
  return items;
}

/**
 * Scans a `"…"` or `'…'` literal whose opening quote is at `open`, skipping
 * backslash escapes. On success `end` is just past the closing quote; on
 * failure (end of input or a newline first) `end` is where it stopped.
 */
function scanQuoted(s: string, open: number): { readonly failed: boolean; readonly end: number } {
  const quote = s[open];
  let i = open + 1;
  for (;;) {
    const d = s[i];
    if (d === '\\') i += 2;
    else if (d === undefined || d === '\n') return { failed: true, end: i };
    else if (d === quote) return { failed: false, end: i + 1 };
    else i++;
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

function skipSpaces(s: string, from: number, onNewlines: (n: number) => void): number {
  let i = from;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\r' || s[i] === '\n')) i++;
  onNewlines(countNewlines(s, from, i));
  return i;
}

function isAlnum(c: string): boolean {
  return c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);
}

function scanNumber(s: string, i: number): number {
  const m = /^[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)i?/.exec(s.slice(i));
  return i + Math.max(1, m?.[0].length ?? 1);
}

/** Go's %#U: `U+0040 '@'`. */
export function formatRune(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${String.fromCodePoint(cp)}'`;
}
