/**
 * A small JSON parser that remembers where each value starts, so config
 * errors can name the line of the key at fault. Strict JSON (RFC 8259) as
 * osquery's RapidJSON reads it; duplicate object keys keep the first value
 * (osquery's "first wins" for duplicate query names).
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface LocatedJson {
  readonly value: JsonValue;
  /** The 1-based line where the value at `path` starts (object keys: the key's line); undefined when absent. */
  lineOf(path: readonly string[]): number | undefined;
}

/** A syntax error at a 1-based line and column of the text. */
export class JsonSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.line = line;
    this.column = column;
  }
}

const pathKey = (path: readonly string[]): string => path.join('\u0000');
/** Deeper documents are refused rather than allowed to exhaust the stack. */
const maxDepth = 256;

/** Parses `text`; throws JsonSyntaxError with the position of the first error. */
export function parseLocatedJson(text: string): LocatedJson {
  const lines = new Map<string, number>();
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, line, pos - lineStart + 1);
  };
  const describe = (): string => (pos >= text.length ? 'end of input' : `'${text[pos]}'`);

  function skipSpace(): void {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 10) {
        pos++;
        line++;
        lineStart = pos;
      } else if (c === 32 || c === 9 || c === 13) pos++;
      else return;
    }
  }

  /** Skips white space, then consumes `ch` if it comes next. */
  function accept(ch: string): boolean {
    skipSpace();
    if (text[pos] !== ch) return false;
    pos++;
    return true;
  }

  function parseValue(path: string[]): JsonValue {
    if (path.length > maxDepth) fail(`nesting deeper than ${maxDepth} levels`);
    skipSpace();
    if (!lines.has(pathKey(path))) lines.set(pathKey(path), line);
    const c = text[pos];
    if (c === '{') return parseObject(path);
    if (c === '[') return parseArray(path);
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    return fail(`unexpected ${describe()}`);
  }

  function parseObject(path: string[]): JsonValue {
    pos++;
    const obj: { [key: string]: JsonValue } = {};
    if (accept('}')) return obj;
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') fail(`expected a quoted object key, found ${describe()}`);
      const keyLine = line;
      const key = parseString();
      skipSpace();
      if (text[pos] !== ':') fail(`expected ':' after key "${key}", found ${describe()}`);
      pos++;
      const childPath = [...path, key];
      const duplicate = Object.hasOwn(obj, key);
      if (!duplicate) lines.set(pathKey(childPath), keyLine);
      const value = parseValue(duplicate ? [...path, `\u0001dup:${key}`] : childPath);
      if (!duplicate) obj[key] = value;
      if (accept(',')) continue;
      if (accept('}')) return obj;
      fail(`expected ',' or '}' in object, found ${describe()}`);
    }
  }

  function parseArray(path: string[]): JsonValue {
    pos++;
    const arr: JsonValue[] = [];
    if (accept(']')) return arr;
    for (;;) {
      arr.push(parseValue([...path, String(arr.length)]));
      if (accept(',')) continue;
      if (accept(']')) return arr;
      fail(`expected ',' or ']' in array, found ${describe()}`);
    }
  }

  function parseString(): string {
    pos++;
    let out = '';
    for (;;) {
      const c = text[pos];
      if (c === undefined || c === '\n') return fail('unterminated string');
      if (c === '"') {
        pos++;
        return out;
      }
      if (c === '\\') {
        const e = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          pos++;
          fail('invalid escape in string');
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('control character in string');
      out += c;
      pos++;
    }
  }

  function parseNumber(): number {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!m) return fail(`invalid number`);
    pos += m[0].length;
    return Number(m[0]);
  }

  const value = parseValue([]);
  skipSpace();
  if (pos < text.length) fail(`unexpected ${describe()} after the top-level value`);
  return { value, lineOf: (path) => lines.get(pathKey(path)) };
}
