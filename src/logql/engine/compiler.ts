import type { Expr, Grouping, LogSelectorExpr, RangeAggregation } from '../syntax/ast.js';
import type { LogPipeline, SampleExtractor } from '../pipeline/types.js';

/**
 * What the engine needs from the parser and the pipeline compiler. The
 * default (`createDefaultCompiler`) wires syntax/ and pipeline/; tests and
 * embedders may pass their own.
 */
export interface QueryCompiler {
  /** Parses LogQL text; throws WatchpostError('ERR_LOGQL_PARSE') with Loki's text. */
  parseExpr(query: string): Expr;
  compileLogPipeline(expr: LogSelectorExpr): LogPipeline;
  /**
   * The per-line sample source of a range aggregation (count, bytes or unwrap; grouping applied).
   * `outerGrouping` is an enclosing `sum`'s grouping pushed down (Loki's grouping injection);
   * samples carrying `__error__` keep their full labels.
   */
  compileSampleExtractor(expr: RangeAggregation, options?: { readonly outerGrouping?: Grouping | undefined }): SampleExtractor;
  /** The query's leading pure line filters as one predicate (pushed down to the store), if any. */
  leadingLineFilter(expr: LogSelectorExpr): ((line: string) => boolean) | undefined;
}
