/**
 * LogQL parser: recursive descent for the statements of Loki's syntax.y, with
 * precedence climbing for binary operators. Produces the plain-data AST of
 * ast.ts. Errors are Loki's: syntax errors at the offending token (goyacc
 * wording), semantic errors that Loki raises while reducing (bad regex in a
 * matcher, bad regexp/pattern parser, bad numeric label filter) at once, and
 * errors that Loki stores in nodes recorded in `deferred` for validate.ts.
 */
import { parseGoFloat } from '../../core/go/float.js';
import type { BinOp, BinaryOp, Expr, Literal, LogSelectorExpr, MetricExpr, StreamSelector, VectorMatching } from './ast.js';
import { foldLiterals, isSetOp } from './fold.js';
import { parseLabelList, parseLabelReplace, parseRangeAggregation, parseVectorAggregation, rangeOps, vectorOps } from './parse-aggregation.js';
import { createParseError } from './parse-error.js';
import { parseStages } from './parse-pipeline.js';
import { parseSelector } from './parse-selector.js';
import { TokenStream } from './token-stream.js';

/** Loki's maxInputSize. */
export const MAX_QUERY_BYTES = 131072;

/** Binary operator precedence, low to high (syntax.y %left/%right). */
const precedence: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  '^': 6,
};

/** What the parser hands to validation: the tree plus the errors Loki keeps inside nodes. */
export interface ParseOutput {
  readonly expr: Expr;
  readonly deferred: WeakMap<object, string>;
}

/** Parses without Loki's post-parse validation (ParseExprWithoutValidation). */
export function parseWithoutValidation(query: string): ParseOutput {
  const bytes = Buffer.byteLength(query, 'utf8');
  if (bytes >= MAX_QUERY_BYTES) throw createParseError(`input size too long (${bytes} > ${MAX_QUERY_BYTES})`);
  const ts = new TokenStream(query);
  const expr = parseBinary(ts, 1);
  if (!ts.is('$end')) throw ts.unexpected();
  return { expr, deferred: ts.deferred };
}

function parseBinary(ts: TokenStream, minPrecedence: number): Expr {
  ts.enter();
  let chain = 0;
  try {
    return parseBinaryChain(ts, minPrecedence, () => {
      chain++;
      ts.enter();
    });
  } finally {
    ts.leave(chain + 1);
  }
}

function parseBinaryChain(ts: TokenStream, minPrecedence: number, deepen: () => void): Expr {
  let left = parseUnary(ts);
  for (;;) {
    const op = ts.peek().type;
    const prec = precedence[op];
    if (prec === undefined || prec < minPrecedence) return left;
    deepen();
    ts.next();
    const { returnBool, matching } = parseBinOpModifier(ts);
    const right = parseBinary(ts, op === '^' ? prec : prec + 1);
    left = createBinOp(ts, op as BinaryOp, returnBool, matching, left, right);
  }
}

function parseBinOpModifier(ts: TokenStream): { returnBool: boolean; matching: VectorMatching | undefined } {
  const returnBool = ts.accept('bool') !== undefined;
  const onOrIgnoring = ts.accept('on') ?? ts.accept('ignoring');
  if (onOrIgnoring === undefined) return { returnBool, matching: undefined };
  const labels = parseLabelList(ts);
  let card: VectorMatching['card'] = 'one-to-one';
  let include: string[] = [];
  const group = ts.accept('group_left') ?? ts.accept('group_right');
  if (group !== undefined) {
    card = group.type === 'group_left' ? 'many-to-one' : 'one-to-many';
    if (ts.is('(')) include = parseLabelList(ts);
  }
  return { returnBool, matching: { on: onOrIgnoring.type === 'on', labels, card, include } };
}

/** Parses a whole expression (all binary operators). */
function parseTopLevel(ts: TokenStream): Expr {
  return parseBinary(ts, 1);
}

function isMetric(expr: Expr): expr is MetricExpr {
  return expr.kind !== 'LogSelectorExpr';
}

function createBinOp(
  ts: TokenStream,
  op: BinaryOp,
  returnBool: boolean,
  matching: VectorMatching | undefined,
  left: Expr,
  right: Expr,
): Expr {
  const node = { kind: 'BinOp', op, left, right, returnBool, matching } as BinOp;
  const typeName = (e: Expr): string => (e.kind === 'LogSelectorExpr' && e.stages.length > 0 ? '*syntax.PipelineExpr' : '*syntax.MatchersExpr');
  if (!isMetric(left)) {
    ts.defer(node, `unexpected type for left leg of binary operation (${op}): ${typeName(left)}`);
    return node;
  }
  if (!isMetric(right)) {
    ts.defer(node, `unexpected type for right leg of binary operation (${op}): ${typeName(right)}`);
    return node;
  }
  const leftError = left.kind === 'Literal' ? ts.deferred.get(left) : undefined;
  const rightError = right.kind === 'Literal' ? ts.deferred.get(right) : undefined;
  if (leftError !== undefined || rightError !== undefined) {
    ts.defer(node, (leftError ?? rightError) as string);
    return node;
  }
  if (isSetOp(op)) {
    if (left.kind === 'Literal') {
      ts.defer(node, `unexpected literal for left leg of logical/set binary operation (${op}): ${left.value.toFixed(6)}`);
      return node;
    }
    if (right.kind === 'Literal') {
      ts.defer(node, `unexpected literal for right leg of logical/set binary operation (${op}): ${right.value.toFixed(6)}`);
      return node;
    }
  }
  if (left.kind === 'Literal' && right.kind === 'Literal') return { kind: 'Literal', value: foldLiterals(op, left.value, right.value) };
  return node;
}

function parseUnary(ts: TokenStream): Expr {
  const token = ts.peek();
  switch (token.type) {
    case '{':
      return parseLogExprRest(ts, parseSelector(ts));
    case '(': {
      ts.next();
      const inner = parseBinary(ts, 1);
      ts.expect(')', []);
      return inner;
    }
    case 'NUMBER':
    case '+':
    case '-':
      return parseLiteral(ts);
    case 'label_replace':
      return parseLabelReplace(ts, parseTopLevel);
    case 'VECTOR': {
      ts.next();
      ts.expect('(');
      const number = ts.expect('NUMBER').text;
      ts.expect(')');
      const parsed = parseGoFloat(number);
      const node = { kind: 'VectorExpr', value: parsed.ok ? parsed.value : 0 } as const;
      if (!parsed.ok) ts.defer(node, `unable to parse vectorExpr as a float: ${parsed.error}`);
      return node;
    }
    default: {
      const rangeOp = rangeOps[token.type];
      if (rangeOp !== undefined) return parseRangeAggregation(ts, rangeOp);
      const vectorOp = vectorOps[token.type];
      if (vectorOp !== undefined) return parseVectorAggregation(ts, vectorOp, parseTopLevel);
      throw ts.unexpected();
    }
  }
}

function parseLiteral(ts: TokenStream): Literal {
  const token = ts.next();
  let negative = false;
  let text = token.text;
  if (token.type !== 'NUMBER') {
    negative = token.type === '-';
    text = ts.expect('NUMBER').text;
  }
  const parsed = parseGoFloat(text);
  const value = parsed.ok ? parsed.value : 0;
  const node: Literal = { kind: 'Literal', value: negative ? -value : value };
  if (!parsed.ok) ts.defer(node, `unable to parse literal as a float: ${parsed.error}`);
  return node;
}

/** A log query after its selector: stages, no range. */
function parseLogExprRest(ts: TokenStream, selector: StreamSelector): LogSelectorExpr {
  const { stages } = parseStages(ts, false);
  return { kind: 'LogSelectorExpr', selector, stages };
}

