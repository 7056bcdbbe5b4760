/**
 * LogQL parser: recursive descent for the statements of Loki's syntax.y, with
 * precedence climbing for binary operators. Produces the plain-data AST of
 * ast.ts. Errors are Loki's: syntax errors at the offending token (goyacc
 * wording), semantic errors that Loki raises while reducing (bad regex in a
 * matcher, bad regexp/pattern parser, bad numeric label filter) at once, and
 * errors that Loki stores in nodes recorded in `deferred` for validate.ts.
 */
import { parseGoFloat } from '../../core/go/float.js';
import type {
  BinOp,
  BinaryOp,
  Expr,
  Grouping,
  Literal,
  LogRange,
  LogSelectorExpr,
  Matcher,
  MetricExpr,
  RangeAggregation,
  RangeOp,
  StreamSelector,
  VectorAggregation,
  VectorMatching,
  VectorOp,
} from './ast.js';
import { foldLiterals } from './fold.js';
import { parseMatcherRest, parseStages } from './parse-pipeline.js';
import { createParseError } from './parse-error.js';
import { analyzeGoRegexp } from './re2.js';
import { TokenStream } from './token-stream.js';

/** Loki's maxInputSize. */
export const MAX_QUERY_BYTES = 131072;

const rangeOps: Readonly<Record<string, RangeOp>> = {
  COUNT_OVER_TIME: 'count_over_time',
  RATE: 'rate',
  RATE_COUNTER: 'rate_counter',
  BYTES_OVER_TIME: 'bytes_over_time',
  BYTES_RATE: 'bytes_rate',
  AVG_OVER_TIME: 'avg_over_time',
  SUM_OVER_TIME: 'sum_over_time',
  MIN_OVER_TIME: 'min_over_time',
  MAX_OVER_TIME: 'max_over_time',
  STDVAR_OVER_TIME: 'stdvar_over_time',
  STDDEV_OVER_TIME: 'stddev_over_time',
  QUANTILE_OVER_TIME: 'quantile_over_time',
  FIRST_OVER_TIME: 'first_over_time',
  LAST_OVER_TIME: 'last_over_time',
  ABSENT_OVER_TIME: 'absent_over_time',
};

const vectorOps: Readonly<Record<string, VectorOp>> = {
  SUM: 'sum',
  AVG: 'avg',
  COUNT: 'count',
  MAX: 'max',
  MIN: 'min',
  STDDEV: 'stddev',
  STDVAR: 'stdvar',
  BOTTOMK: 'bottomk',
  TOPK: 'topk',
  SORT: 'sort',
  SORT_DESC: 'sort_desc',
  APPROX_TOPK: 'approx_topk',
};

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

const logicalOps: ReadonlySet<string> = new Set(['or', 'and', 'unless']);

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

/** `( [IDENTIFIER ("," IDENTIFIER)*] )` */
function parseLabelList(ts: TokenStream): string[] {
  ts.expect('(');
  const labels: string[] = [];
  if (ts.accept(')') !== undefined) return labels;
  labels.push(ts.expect('IDENTIFIER', ['IDENTIFIER', ')']).text);
  for (;;) {
    const token = ts.peek();
    if (token.type === ')') {
      ts.next();
      return labels;
    }
    if (token.type !== ',') throw ts.unexpected([',', ')']);
    ts.next();
    labels.push(ts.expect('IDENTIFIER').text);
  }
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
  if (logicalOps.has(op)) {
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
      return parseLabelReplace(ts);
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
      if (vectorOp !== undefined) return parseVectorAggregation(ts, vectorOp);
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

/** A log query after its selector: stages, no range. */
export function parseLogExprRest(ts: TokenStream, selector: StreamSelector): LogSelectorExpr {
  const { stages } = parseStages(ts, false);
  return { kind: 'LogSelectorExpr', selector, stages };
}

function parseOffset(ts: TokenStream): number {
  if (ts.accept('offset') === undefined) return 0;
  return ts.expect('DURATION').value;
}

/** The argument of a range aggregation, in every placement syntax.y accepts. */
function parseLogRange(ts: TokenStream): LogRange {
  if (ts.accept('(') !== undefined) {
    if (ts.is('(')) {
      ts.enter();
      const inner = parseLogRange(ts);
      ts.leave();
      ts.expect(')');
      return inner;
    }
    if (!ts.is('{')) throw ts.unexpected(['{', '(']);
    const selector = parseSelector(ts);
    if (ts.is('RANGE')) {
      const range = parseRangeAfterSelector(ts, selector);
      ts.expect(')');
      return range;
    }
    const { stages, unwrap } = parseStages(ts, true);
    ts.expect(')', unwrap === undefined ? [] : [')', '|']);
    const rangeNs = ts.expect('RANGE').value;
    const offsetNs = parseOffset(ts);
    return { kind: 'LogRange', selector: { kind: 'LogSelectorExpr', selector, stages }, rangeNs, offsetNs, unwrap };
  }
  if (!ts.is('{')) throw ts.unexpected(['{', '(']);
  return parseRangeAfterSelector(ts, parseSelector(ts));
}

function parseRangeAfterSelector(ts: TokenStream, selector: StreamSelector): LogRange {
  if (ts.is('RANGE')) {
    const rangeNs = ts.next().value;
    const offsetNs = parseOffset(ts);
    const { stages, unwrap } = parseStages(ts, true);
    return { kind: 'LogRange', selector: { kind: 'LogSelectorExpr', selector, stages }, rangeNs, offsetNs, unwrap };
  }
  const { stages, unwrap } = parseStages(ts, true);
  // After an unwrap only the range or a post filter may come (goyacc lists both).
  const rangeNs = ts.expect('RANGE', unwrap === undefined ? [] : ['RANGE', '|']).value;
  const offsetNs = parseOffset(ts);
  return { kind: 'LogRange', selector: { kind: 'LogSelectorExpr', selector, stages }, rangeNs, offsetNs, unwrap };
}

function parseGrouping(ts: TokenStream): Grouping | undefined {
  const token = ts.accept('by') ?? ts.accept('without');
  if (token === undefined) return undefined;
  if (!ts.is('(')) throw ts.unexpected(['(']);
  return { without: token.type === 'without', labels: parseLabelList(ts) };
}

function parseRangeAggregation(ts: TokenStream, op: RangeOp): MetricExpr {
  ts.next();
  ts.expect('(');
  let paramText: string | undefined;
  if (ts.is('NUMBER')) {
    paramText = ts.next().text;
    ts.expect(',');
  } else if (!ts.is('{') && !ts.is('(')) {
    throw ts.unexpected(['NUMBER', '{', '(']);
  }
  // A complete log range reduces by default, so goyacc reports the `)` it wanted.
  const range = parseLogRange(ts);
  ts.expect(')');
  const grouping = parseGrouping(ts);
  let param: number | undefined;
  let error: string | undefined;
  if (paramText !== undefined) {
    if (op !== 'quantile_over_time') error = `parameter ${paramText} not supported for operation ${op}`;
    else {
      const parsed = parseGoFloat(paramText);
      if (parsed.ok) param = parsed.value;
      else error = `invalid parameter for operation ${op}: ${parsed.error}`;
    }
  } else if (op === 'quantile_over_time') {
    error = `parameter required for operation ${op}`;
  }
  const node: RangeAggregation = { kind: 'RangeAggregation', op, range, param, grouping };
  error ??= checkRangeAggregation(node);
  if (error !== undefined) ts.defer(node, error);
  return node;
}

const groupingRangeOps: ReadonlySet<string> = new Set([
  'avg_over_time', 'stddev_over_time', 'stdvar_over_time', 'quantile_over_time', 'max_over_time', 'min_over_time',
  'first_over_time', 'last_over_time',
]);
const unwrapRangeOps: ReadonlySet<string> = new Set([
  'avg_over_time', 'sum_over_time', 'max_over_time', 'min_over_time', 'stddev_over_time', 'stdvar_over_time',
  'quantile_over_time', 'rate', 'rate_counter', 'absent_over_time', 'first_over_time', 'last_over_time',
]);
const plainRangeOps: ReadonlySet<string> = new Set(['bytes_over_time', 'bytes_rate', 'count_over_time', 'rate', 'absent_over_time']);

/** Loki RangeAggregationExpr.validate(). */
export function checkRangeAggregation(node: RangeAggregation): string | undefined {
  if (node.grouping !== undefined && !groupingRangeOps.has(node.op)) return `grouping not allowed for ${node.op} aggregation`;
  if (node.range.unwrap !== undefined) {
    return unwrapRangeOps.has(node.op) ? undefined : `invalid aggregation ${node.op} with unwrap`;
  }
  return plainRangeOps.has(node.op) ? undefined : `invalid aggregation ${node.op} without unwrap`;
}

/** Go strconv.Atoi for the k of topk: decimal digits only (with sign), int64 range. */
function parseAtoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Math.abs(value) >= 2 ** 63 ? undefined : value;
}

function parseVectorAggregation(ts: TokenStream, op: VectorOp): MetricExpr {
  ts.next();
  let grouping = parseGrouping(ts);
  const prefixGrouping = grouping !== undefined;
  ts.expect('(', prefixGrouping ? ['('] : ['(', 'by', 'without']);
  let paramText: string | undefined;
  if (ts.is('NUMBER') && ts.peek2().type === ',') {
    paramText = ts.next().text;
    ts.next();
  }
  const inner = parseBinary(ts, 1);
  if (!isMetric(inner)) throw ts.unexpected();
  ts.expect(')', []);
  if (!prefixGrouping) grouping = parseGrouping(ts);
  let param: number | undefined;
  let error: string | undefined;
  if (op === 'topk' || op === 'bottomk' || op === 'approx_topk') {
    if (paramText === undefined) error = `parameter required for operation ${op}`;
    else {
      const k = parseAtoi(paramText);
      if (k === undefined) error = `invalid parameter ${op}(${paramText},`;
      else if (k <= 0) error = `invalid parameter (must be greater than 0) ${op}(${paramText}`;
      else if (op === 'approx_topk' && grouping !== undefined) error = `grouping not allowed for ${op} aggregation`;
      else param = k;
    }
  } else if (paramText !== undefined) {
    error = `unsupported parameter for operation ${op}(${paramText},`;
  }
  const node: VectorAggregation = { kind: 'VectorAggregation', op, expr: inner, param, grouping };
  if (error !== undefined) ts.defer(node, error);
  return node;
}

function parseLabelReplace(ts: TokenStream): MetricExpr {
  ts.next();
  ts.expect('(');
  const inner = parseBinary(ts, 1);
  if (!isMetric(inner)) throw ts.unexpected();
  const strings: string[] = [];
  for (let i = 0; i < 4; i++) {
    ts.expect(',', i === 0 ? [] : [',']);
    strings.push(ts.expect('STRING').text);
  }
  ts.expect(')', [')']);
  const [dst, replacement, src, regex] = strings as [string, string, string, string];
  const node = { kind: 'LabelReplace', expr: inner, dst, replacement, src, regex } as const;
  const analysis = analyzeGoRegexp(`^(?:${regex})$`, { dotAll: false });
  if (analysis.error !== undefined) ts.defer(node, `invalid regex in label_replace: ${analysis.error}`);
  return node;
}
