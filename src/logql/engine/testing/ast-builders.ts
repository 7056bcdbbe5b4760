import type {
  BinaryOp,
  BinOp,
  Grouping,
  LineFilter,
  LogSelectorExpr,
  Matcher,
  MetricExpr,
  RangeAggregation,
  RangeOp,
  Unwrap,
  VectorAggregation,
  VectorMatching,
  VectorOp,
} from '../../syntax/ast.js';

/** Small AST constructors for engine tests that do not go through the parser. */
export function selector(matchers: Record<string, string>, stages: readonly LineFilter[] = []): LogSelectorExpr {
  const list: Matcher[] = Object.entries(matchers).map(([name, value]) => ({ name, op: '=', value }));
  return { kind: 'LogSelectorExpr', selector: { kind: 'StreamSelector', matchers: list }, stages };
}

export function contains(value: string): LineFilter {
  return { kind: 'LineFilter', op: '|=', values: [{ value, ip: false }] };
}

export interface RangeOptions {
  readonly offsetNs?: number;
  readonly unwrap?: Unwrap;
  readonly param?: number;
  readonly grouping?: Grouping;
}

export function rangeAgg(op: RangeOp, sel: LogSelectorExpr, rangeNs: number, options: RangeOptions = {}): RangeAggregation {
  return {
    kind: 'RangeAggregation',
    op,
    range: { kind: 'LogRange', selector: sel, rangeNs, offsetNs: options.offsetNs ?? 0, unwrap: options.unwrap },
    param: options.param,
    grouping: options.grouping,
  };
}

export function vectorAgg(op: VectorOp, expr: MetricExpr, grouping?: Grouping, param?: number): VectorAggregation {
  return { kind: 'VectorAggregation', op, expr, param, grouping };
}

export function binOp(op: BinaryOp, left: MetricExpr, right: MetricExpr, options: { bool?: boolean; matching?: VectorMatching } = {}): BinOp {
  return { kind: 'BinOp', op, left, right, returnBool: options.bool ?? false, matching: options.matching };
}

export function by(...labels: string[]): Grouping {
  return { without: false, labels };
}

export const sec = 1e9;
export const min = 60 * sec;
