/**
 * Loki's post-parse validation (parser.go validateExpr): errors kept inside
 * nodes while parsing (bad parameters, bad aggregation/unwrap pairs, literal
 * legs of set operators, bad label_replace regex), `sort` with grouping, and
 * the rule that every selector needs a matcher that does not match "".
 */
import type { Expr, Matcher } from './ast.js';
import { createParseError } from './parse-error.js';
import { analyzeGoRegexp } from './re2.js';
import { checkRangeAggregation } from './parse-aggregation.js';

export const EMPTY_MATCHER_MESSAGE =
  'queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will';

/** Prometheus Matcher.Matches(""): does this matcher accept a missing label? */
export function matchesEmpty(m: Matcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
      return analyzeGoRegexp(m.value, { dotAll: true }).matchesEmpty;
    case '!~':
      return !analyzeGoRegexp(m.value, { dotAll: true }).matchesEmpty;
  }
}

function validateMatchers(matchers: readonly Matcher[]): void {
  if (!matchers.some((m) => !matchesEmpty(m))) throw createParseError(EMPTY_MATCHER_MESSAGE);
}

/**
 * Throws the first validation error in Loki's order. `deferred` holds the
 * errors the parser recorded on nodes; without it the rules derivable from
 * the tree are still checked.
 */
export function validateExpr(expr: Expr, deferred?: WeakMap<object, string>): void {
  const stored = deferred?.get(expr);
  if (stored !== undefined) throw createParseError(stored);
  switch (expr.kind) {
    case 'LogSelectorExpr':
      validateMatchers(expr.selector.matchers);
      return;
    case 'BinOp':
      validateExpr(expr.left, deferred);
      validateExpr(expr.right, deferred);
      return;
    case 'Literal':
    case 'VectorExpr':
      return;
    case 'VectorAggregation':
      if ((expr.op === 'sort' || expr.op === 'sort_desc') && expr.grouping !== undefined && expr.grouping.labels.length > 0) {
        throw createParseError('sort and sort_desc doesn\'t allow grouping by ');
      }
      validateExpr(expr.expr, deferred);
      return;
    case 'LabelReplace':
      validateExpr(expr.expr, deferred);
      return;
    case 'RangeAggregation': {
      const error = checkRangeAggregation(expr);
      if (error !== undefined) throw createParseError(error);
      validateMatchers(expr.range.selector.selector.matchers);
      return;
    }
  }
}
