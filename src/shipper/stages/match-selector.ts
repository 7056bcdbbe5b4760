/**
 * The selector language of promtail's `match` stage (its own small LogQL
 * grammar, clients/pkg/logentry/logql): `{name op "value", …}` followed by
 * zero or more line filters `|= "s"`, `!= "s"`, `|~ "re"`, `!~ "re"`.
 * Parsers, label filters and `{}` are refused. No Loki "non-empty matcher"
 * rule applies. Matchers have Prometheus semantics (anchored regexps, a
 * missing label is `""`); line filters are substring / unanchored regexp.
 */
import { compileGoRegex, compileMatcher, type ValueMatcher } from '../../logql/index.js';

export interface MatchSelector {
  /** Tests the entry's labels. */
  readonly matchesLabels: (labels: Readonly<Record<string, string>>) => boolean;
  /** Tests the line; undefined when the selector has no line filter. */
  readonly matchesLine: ((line: string) => boolean) | undefined;
}

type Token = { kind: 'ident' | 'string' | 'op' | 'punct'; text: string; pos: number };

const operators = ['|=', '|~', '!=', '!~', '=~', '='];
const simpleEscapes: Readonly<Record<string, string>> = { a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };

/** Go's strconv.Unquote for a double-quoted literal (escapes incl. \x, \u, \U, octal). */
function unquoteGo(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i] ?? '';
    if (simpleEscapes[next] !== undefined) {
      out += simpleEscapes[next];
      continue;
    }
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = body.slice(i + 1, i + 1 + width);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) throw new Error('invalid syntax');
      out += next === 'x' ? String.fromCharCode(parseInt(hex, 16)) : String.fromCodePoint(parseInt(hex, 16));
      i += width;
      continue;
    }
    const octal = body.slice(i, i + 3);
    if (/^[0-7]{3}$/.test(octal)) {
      out += String.fromCharCode(parseInt(octal, 8));
      i += 2;
      continue;
    }
    throw new Error('invalid syntax');
  }
  return out;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += ch === '"' && text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new Error(`col ${i + 1}: literal not terminated`);
      const body = text.slice(i + 1, j);
      tokens.push({ kind: 'string', text: ch === '`' ? body : unquoteGo(body), pos: i });
      i = j + 1;
      continue;
    }
    const ident = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i));
    if (ident !== null) {
      tokens.push({ kind: 'ident', text: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    if ('{},'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, pos: i });
      i++;
      continue;
    }
    throw new Error(`col ${i + 1}: unexpected character ${JSON.stringify(ch)}`);
  }
  return tokens;
}

/** Parses and compiles a match selector; throws an Error describing the syntax problem. */
export function parseMatchSelector(text: string): MatchSelector {
  const tokens = tokenize(text);
  let k = 0;
  const expect = (kind: Token['kind'], value?: string): Token => {
    const token = tokens[k];
    if (token === undefined) throw new Error(`unexpected end of selector, expecting ${value ?? kind}`);
    if (token.kind !== kind || (value !== undefined && token.text !== value)) {
      throw new Error(`col ${token.pos + 1}: unexpected ${JSON.stringify(token.text)}, expecting ${value ?? kind}`);
    }
    k++;
    return token;
  };
  expect('punct', '{');
  const matchers: Array<readonly [string, ValueMatcher]> = [];
  for (;;) {
    const name = expect('ident').text;
    const op = expect('op');
    if (!['=', '!=', '=~', '!~'].includes(op.text)) throw new Error(`col ${op.pos + 1}: unexpected ${op.text} in matcher`);
    const value = expect('string').text;
    matchers.push([name, compileMatcher({ name, op: op.text as '=' | '!=' | '=~' | '!~', value })]);
    if (tokens[k]?.text === ',') {
      k++;
      continue;
    }
    expect('punct', '}');
    break;
  }
  const filters: Array<(line: string) => boolean> = [];
  while (k < tokens.length) {
    const op = expect('op');
    if (!['|=', '!=', '|~', '!~'].includes(op.text)) throw new Error(`col ${op.pos + 1}: unexpected ${op.text}, expecting a line filter`);
    const value = expect('string').text;
    if (op.text === '|=') filters.push((line) => line.includes(value));
    else if (op.text === '!=') filters.push((line) => !line.includes(value));
    else {
      const { regexp } = compileGoRegex(value);
      filters.push(op.text === '|~' ? (line) => regexp.test(line) : (line) => !regexp.test(line));
    }
  }
  return {
    matchesLabels: (labels) => matchers.every(([name, matcher]) => matcher(labels[name] ?? '')),
    matchesLine: filters.length === 0 ? undefined : (line) => filters.every((f) => f(line)),
  };
}
