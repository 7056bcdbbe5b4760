/**
 * Label filter expressions and unwrap (syntax.y `labelFilter`, `unwrapExpr`).
 */
import { parseGoFloat } from '../../core/go/float.js';
import type { ComparisonOp, LabelFilter, Unwrap, UnwrapConversion } from './ast.js';
import { createParseError } from './parse-error.js';
import { createMatcher } from './parse-selector.js';
import type { TokenStream } from './token-stream.js';

const comparisonOps: ReadonlySet<string> = new Set(['>', '>=', '<', '<=', '==']);

/**
 * A label filter expression. Loki's grammar gives `and` precedence over `or`;
 * `,` and juxtaposition have none, so yacc shifts: the filter before them is
 * AND-ed with everything that follows (`a or b, c` = `a or (b and c)`).
 */
export function parseLabelFilter(ts: TokenStream): LabelFilter {
  ts.enter();
  try {
    return parseOperatorChain(ts, 'or', parseAndFilter);
  } finally {
    ts.leave();
  }
}

function parseAndFilter(ts: TokenStream): LabelFilter {
  return parseOperatorChain(ts, 'and', parseChainedFilter);
}

/** `operand (op operand)*`, left-associative; each link nests one level deeper (TokenStream.enter). */
function parseOperatorChain(ts: TokenStream, op: 'and' | 'or', parseOperand: (ts: TokenStream) => LabelFilter): LabelFilter {
  let chain = 0;
  try {
    let left = parseOperand(ts);
    while (ts.accept(op) !== undefined) {
      chain++;
      ts.enter();
      const right = parseOperand(ts);
      left = { kind: 'BinaryLabelFilter', op, left, right };
    }
    return left;
  } finally {
    ts.leave(chain);
  }
}

function parseChainedFilter(ts: TokenStream): LabelFilter {
  const first = parsePrimaryFilter(ts);
  const next = ts.peek().type;
  if (next !== ',' && next !== 'IDENTIFIER' && next !== '(') return first;
  if (next === ',') ts.next();
  return { kind: 'BinaryLabelFilter', op: 'and', left: first, right: parseLabelFilter(ts) };
}

function parsePrimaryFilter(ts: TokenStream): LabelFilter {
  const token = ts.peek();
  if (token.type === '(') {
    ts.next();
    const inner = parseLabelFilter(ts);
    ts.expect(')', []);
    return inner;
  }
  if (token.type !== 'IDENTIFIER') throw ts.unexpected(['IDENTIFIER', '(']);
  ts.next();
  const name = token.text;
  const op = ts.peek().type;
  if (op === '=~' || op === '!~') {
    ts.next();
    return { kind: 'StringLabelFilter', matcher: createMatcher(name, op, ts.expect('STRING').text) };
  }
  if (op === '=' || op === '!=') {
    ts.next();
    const value = ts.peek();
    if (value.type === 'STRING') {
      ts.next();
      return { kind: 'StringLabelFilter', matcher: createMatcher(name, op, value.text) };
    }
    if (value.type === 'ip') {
      ts.next();
      ts.expect('(');
      const pattern = ts.expect('STRING').text;
      ts.expect(')');
      return { kind: 'IpLabelFilter', name, op, pattern };
    }
    return parseTypedValue(ts, name, op);
  }
  if (comparisonOps.has(op)) {
    ts.next();
    return parseTypedValue(ts, name, op as ComparisonOp);
  }
  throw ts.unexpected();
}

/** The right-hand side of a numeric, duration or bytes comparison. */
function parseTypedValue(ts: TokenStream, name: string, op: ComparisonOp): LabelFilter {
  const token = ts.peek();
  switch (token.type) {
    case 'DURATION':
      ts.next();
      return { kind: 'DurationLabelFilter', name, op, valueNs: token.value, raw: token.text };
    case 'BYTES':
      ts.next();
      return { kind: 'BytesLabelFilter', name, op, bytes: token.value, raw: token.text };
    case 'NUMBER':
    case '+':
    case '-': {
      ts.next();
      let sign = '';
      let text = token.text;
      if (token.type !== 'NUMBER') {
        sign = token.type === '-' ? '-' : '';
        text = ts.expect('NUMBER').text;
      }
      const parsed = parseGoFloat(text);
      if (!parsed.ok) throw createParseError(`unable to parse literal as a float: ${parsed.error}`);
      const value = sign === '-' ? -parsed.value : parsed.value;
      return { kind: 'NumericLabelFilter', name, op, value, raw: sign + text };
    }
    default:
      throw ts.unexpected();
  }
}

const conversions: Readonly<Record<string, UnwrapConversion>> = {
  BYTES_CONV: 'bytes',
  DURATION_CONV: 'duration',
  DURATION_SECONDS_CONV: 'duration_seconds',
};

/** `| unwrap label` or `| unwrap bytes(label)`, then `| <label filter>`s. */
export function parseUnwrap(ts: TokenStream): Unwrap {
  ts.expect('|');
  ts.expect('unwrap');
  const token = ts.peek();
  let label: string;
  let conversion: UnwrapConversion = '';
  if (token.type === 'IDENTIFIER') {
    ts.next();
    label = token.text;
  } else {
    const converted = conversions[token.type];
    if (converted === undefined) throw ts.unexpected(['IDENTIFIER', 'BYTES_CONV', 'DURATION_CONV', 'DURATION_SECONDS_CONV']);
    ts.next();
    conversion = converted;
    ts.expect('(');
    label = ts.expect('IDENTIFIER').text;
    ts.expect(')');
  }
  const postFilters: LabelFilter[] = [];
  while (ts.accept('|') !== undefined) {
    if (!ts.is('IDENTIFIER') && !ts.is('(')) throw ts.unexpected(['IDENTIFIER', '(']);
    postFilters.push(parseLabelFilter(ts));
  }
  return { label, conversion, postFilters };
}
