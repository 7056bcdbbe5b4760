/**
 * Traversal helpers over the plain-data AST. `walkExpr` visits expressions in
 * pre-order (a node before its operands, left before right), the order in
 * which Loki validates them.
 */
import type { Expr, LogRange, LogSelectorExpr, Matcher, MetricExpr, StreamSelector } from './ast.js';

/** Return false from the visitor to skip a node's children. */
export type ExprVisitor = (expr: Expr) => boolean | void;

export function walkExpr(expr: Expr, visit: ExprVisitor): void {
  if (visit(expr) === false) return;
  switch (expr.kind) {
    case 'BinOp':
      walkExpr(expr.left, visit);
      walkExpr(expr.right, visit);
      return;
    case 'VectorAggregation':
    case 'LabelReplace':
      walkExpr(expr.expr, visit);
      return;
    case 'RangeAggregation':
      walkExpr(expr.range.selector, visit);
      return;
    default:
  }
}

/** Every log selector expression of a query, left to right (one per log query or range). */
export function collectLogSelectors(expr: Expr): LogSelectorExpr[] {
  const out: LogSelectorExpr[] = [];
  walkExpr(expr, (e) => {
    if (e.kind === 'LogSelectorExpr') out.push(e);
  });
  return out;
}

/** Every stream selector of a query, left to right. */
export function collectSelectors(expr: Expr): StreamSelector[] {
  return collectLogSelectors(expr).map((e) => e.selector);
}

/** The stream matchers of every selector (Loki's MatcherGroups without the ranges). */
export function collectMatchers(expr: Expr): Matcher[][] {
  return collectSelectors(expr).map((s) => [...s.matchers]);
}

/** Every log range of a metric query, left to right. */
export function collectLogRanges(expr: Expr): LogRange[] {
  const out: LogRange[] = [];
  walkExpr(expr, (e) => {
    if (e.kind === 'RangeAggregation') out.push(e.range);
  });
  return out;
}

/** True when the expression is a metric query (anything but a log selector). */
export function isMetricExpr(expr: Expr): expr is MetricExpr {
  return expr.kind !== 'LogSelectorExpr';
}
