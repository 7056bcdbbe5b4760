// Public surface of src/logql/syntax: the LogQL language alone (no data, no I/O).
import type { Expr, LogSelectorExpr, StreamSelector } from './ast.js';
import { parseLogqlDuration } from '../../core/go/duration.js';
import { createParseError, createPlainError } from './parse-error.js';
import { parseWithoutValidation } from './parser.js';
import { validateExpr } from './validate.js';

/**
 * Parses and validates a LogQL query as Loki's syntax.ParseExpr does. Throws
 * WatchpostError('ERR_LOGQL_PARSE') whose message is Loki's exact text
 * (`parse error at line 1, col 5: syntax error: unexpected …`) and whose
 * details are `{ line, col, reason }`.
 */
export function parseExpr(query: string): Expr {
  const { expr, deferred } = parseWithoutValidation(query);
  validateExpr(expr, deferred);
  return expr;
}

/** Options of `parseLogSelector`. */
export interface ParseLogSelectorOptions {
  /** Run Loki's validation (the empty-matcher rule); default false. */
  readonly validate?: boolean;
}

/**
 * A log query (`{…} | …`) as Loki's ParseLogSelector; anything else fails with
 * `parse error : only log selector is supported` (Loki's own error has no
 * `parse error` prefix; the server's tail route relies on this text).
 */
export function parseLogSelector(text: string, options: ParseLogSelectorOptions = {}): LogSelectorExpr {
  const { expr, deferred } = parseWithoutValidation(text);
  if (expr.kind !== 'LogSelectorExpr') throw createParseError('only log selector is supported');
  if (options.validate === true) validateExpr(expr, deferred);
  return expr;
}

/**
 * Matchers only (`{a="b", c=~"d"}`), without the empty-matcher validation:
 * for `/series` `match[]` and promtail's `match` stage. A pipeline fails with
 * Loki's `only label matchers are supported` (its ErrParseMatchers, a 400
 * without the `parse error` prefix).
 */
export function parseSelector(text: string): StreamSelector {
  const { expr } = parseWithoutValidation(text);
  if (expr.kind !== 'LogSelectorExpr' || expr.stages.length > 0) {
    throw createPlainError('only label matchers are supported');
  }
  return expr.selector;
}

export { parseWithoutValidation, MAX_QUERY_BYTES, type ParseOutput } from './parser.js';
export { validateExpr, matchesEmpty, EMPTY_MATCHER_MESSAGE } from './validate.js';
export { printExpr, printLogSelector, printSelector, printMatcher, printStage, printLabelFilter, printLogRange } from './print.js';
export { formatQuery, type FormatOptions } from './format.js';
export { formatParseError, createParseError } from './parse-error.js';
export { applyArithmetic, isSetOp, type ArithmeticOp } from './fold.js';
export { walkExpr, collectSelectors, collectLogSelectors, collectMatchers, collectLogRanges, isMetricExpr, type ExprVisitor } from './walk.js';
export { analyzeGoRegexp, type RegexpAnalysis, type RegexpOptions } from './re2.js';
export { tokenizePattern, checkPatternParser, checkPatternLineFilter, type PatternNode } from './pattern-check.js';
export { formatPromDuration as formatDuration } from '../../core/go/duration.js';

/** A LogQL duration (`5m`, `1h30m`, `1.5h`, `-10s`) in nanoseconds; Go's error text otherwise. */
export function parseDurationNs(text: string): number {
  const parsed = parseLogqlDuration(text);
  if (!parsed.ok) throw createParseError(parsed.error);
  return parsed.value;
}
