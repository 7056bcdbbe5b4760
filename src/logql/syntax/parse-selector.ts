/**
 * Stream selectors and matchers: `{a="b", c=~"d"}` (syntax.y `selector`,
 * `matcher`). Regex matchers must compile, as Prometheus's NewMatcher checks.
 */
import type { MatchOp, Matcher, StreamSelector } from './ast.js';
import { createParseError } from './parse-error.js';
import { analyzeGoRegexp } from './re2.js';
import type { TokenStream } from './token-stream.js';

const matchOps: ReadonlySet<string> = new Set(['=', '!=', '=~', '!~']);

/** Whether a token type is a matcher operator. */
export function isMatchOp(type: string): type is MatchOp {
  return matchOps.has(type);
}

/** Loki's mustNewMatcher: regex matchers must compile (Prometheus wraps nothing around the error). */
export function createMatcher(name: string, op: MatchOp, value: string): Matcher {
  if (op === '=~' || op === '!~') {
    const analysis = analyzeGoRegexp(value, { dotAll: true });
    if (analysis.error !== undefined) throw createParseError(analysis.error);
  }
  return { name, op, value };
}

/** `IDENTIFIER (= | != | =~ | !~) STRING` after the name was read. */
export function parseMatcherRest(ts: TokenStream, name: string, expectingOps: readonly string[]): Matcher {
  const op = ts.peek().type;
  if (!isMatchOp(op)) throw ts.unexpected(expectingOps);
  ts.next();
  const value = ts.expect('STRING').text;
  return createMatcher(name, op, value);
}

/** `{…}` with its matchers; `{}` parses (validation rejects it). */
export function parseSelector(ts: TokenStream): StreamSelector {
  ts.expect('{');
  const matchers: Matcher[] = [];
  if (ts.accept('}') !== undefined) return { kind: 'StreamSelector', matchers };
  if (!ts.is('IDENTIFIER')) throw ts.unexpected(['IDENTIFIER', '}']);
  for (;;) {
    const name = ts.expect('IDENTIFIER').text;
    matchers.push(parseMatcherRest(ts, name, ['=', '=~', '!~', '!=']));
    const token = ts.peek();
    if (token.type === '}') {
      ts.next();
      return { kind: 'StreamSelector', matchers };
    }
    if (token.type !== ',') throw ts.unexpected(['}', ',']);
    ts.next();
  }
}
