/**
 * Aggregations and functions (syntax.y `rangeAggregationExpr`,
 * `vectorAggregationExpr`, `labelReplaceExpr`, `grouping`). Loki's parameter
 * and operation checks are computed here and kept as deferred errors, which
 * validation reports in tree order.
 */
import { parseGoFloat } from '../../core/go/float.js';
import type { Expr, Grouping, MetricExpr, RangeAggregation, RangeOp, VectorAggregation, VectorOp } from './ast.js';
import { parseLogRange } from './parse-range.js';
import { analyzeGoRegexp } from './re2.js';
import type { TokenStream } from './token-stream.js';

/** Parses a full (binary) expression; passed in to avoid an import cycle with parser.ts. */
export type ParseExprFn = (ts: TokenStream) => Expr;

export const rangeOps: Readonly<Record<string, RangeOp>> = {
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

export const vectorOps: Readonly<Record<string, VectorOp>> = {
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

/** `( [IDENTIFIER ("," IDENTIFIER)*] )` */
export function parseLabelList(ts: TokenStream): string[] {
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

function parseGrouping(ts: TokenStream): Grouping | undefined {
  const token = ts.accept('by') ?? ts.accept('without');
  if (token === undefined) return undefined;
  if (!ts.is('(')) throw ts.unexpected(['(']);
  return { without: token.type === 'without', labels: parseLabelList(ts) };
}

export function parseRangeAggregation(ts: TokenStream, op: RangeOp): MetricExpr {
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

export function parseVectorAggregation(ts: TokenStream, op: VectorOp, parseInner: ParseExprFn): MetricExpr {
  ts.next();
  let grouping = parseGrouping(ts);
  const prefixGrouping = grouping !== undefined;
  ts.expect('(', prefixGrouping ? ['('] : ['(', 'by', 'without']);
  let paramText: string | undefined;
  if (ts.is('NUMBER') && ts.peek2().type === ',') {
    paramText = ts.next().text;
    ts.next();
  }
  const inner = parseInner(ts);
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

export function parseLabelReplace(ts: TokenStream, parseInner: ParseExprFn): MetricExpr {
  ts.next();
  ts.expect('(');
  const inner = parseInner(ts);
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
