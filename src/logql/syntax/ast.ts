/**
 * The LogQL abstract syntax tree, as plain data (STYLE.md: unlike Loki the AST
 * is JSON-printable; `pipeline/compile.ts` turns it into runtime stages).
 *
 * Contract shared by the parser (syntax/), the pipeline compiler (pipeline/),
 * the evaluator (engine/), the ruler and the web UI:
 * - every node has a `kind` naming the LogQL term (STYLE.md naming);
 * - durations are integer nanoseconds as `number` (exact up to ~104 days;
 *   larger ranges are still exact to the microsecond, which Loki's own
 *   parsing also cannot exceed in practice);
 * - byte sizes are integer bytes; label filter values keep the text the user
 *   wrote in `raw` so the printer can reproduce it;
 * - literals are folded by the parser (`1 + 1` is a `Literal` of 2), as Loki does.
 */

export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One label matcher, `name op "value"`. Regex matchers are anchored at evaluation. */
export interface Matcher {
  readonly name: string;
  readonly op: MatchOp;
  readonly value: string;
}

/** `{a="b", c=~"d"}` */
export interface StreamSelector {
  readonly kind: 'StreamSelector';
  readonly matchers: readonly Matcher[];
}

// ---------------------------------------------------------------------------
// Log pipeline stages

export type LineFilterOp = '|=' | '!=' | '|~' | '!~' | '|>' | '!>';

/** One alternative of a line filter: a string, or `ip("…")` (only with |= and !=). */
export interface LineFilterValue {
  readonly value: string;
  readonly ip: boolean;
}

/** `|= "a" or "b"`: `values` are OR-ed with the same operator (see logql.md §5). */
export interface LineFilter {
  readonly kind: 'LineFilter';
  readonly op: LineFilterOp;
  readonly values: readonly LineFilterValue[];
}

/** `| json` or `| json a="x.y", b` (an extraction without expression uses the name). */
export interface JsonParser {
  readonly kind: 'JsonParser';
  readonly extractions: readonly LabelExtraction[];
}

export interface LabelExtraction {
  readonly name: string;
  /** The expression as written, or undefined for the bare `name` form. */
  readonly expression: string | undefined;
}

export interface LogfmtParser {
  readonly kind: 'LogfmtParser';
  readonly strict: boolean;
  readonly keepEmpty: boolean;
  readonly extractions: readonly LabelExtraction[];
}

export interface RegexpParser {
  readonly kind: 'RegexpParser';
  readonly regexp: string;
}

export interface PatternParser {
  readonly kind: 'PatternParser';
  readonly pattern: string;
}

export interface UnpackParser {
  readonly kind: 'UnpackParser';
}

export type ComparisonOp = '>' | '>=' | '<' | '<=' | '!=' | '=' | '==';

/** A label filter predicate tree (logql.md §7). */
export type LabelFilter =
  | { readonly kind: 'StringLabelFilter'; readonly matcher: Matcher }
  | { readonly kind: 'NumericLabelFilter'; readonly name: string; readonly op: ComparisonOp; readonly value: number; readonly raw: string }
  | { readonly kind: 'DurationLabelFilter'; readonly name: string; readonly op: ComparisonOp; readonly valueNs: number; readonly raw: string }
  | { readonly kind: 'BytesLabelFilter'; readonly name: string; readonly op: ComparisonOp; readonly bytes: number; readonly raw: string }
  | { readonly kind: 'IpLabelFilter'; readonly name: string; readonly op: '=' | '!='; readonly pattern: string }
  | { readonly kind: 'BinaryLabelFilter'; readonly op: 'and' | 'or'; readonly left: LabelFilter; readonly right: LabelFilter };

export interface LabelFilterStage {
  readonly kind: 'LabelFilterStage';
  readonly filter: LabelFilter;
}

export interface LineFormat {
  readonly kind: 'LineFormat';
  readonly template: string;
}

/** `dst=src` (rename, `template` undefined) or `dst="{{…}}"` (template). */
export interface LabelFormatOp {
  readonly name: string;
  readonly rename: string | undefined;
  readonly template: string | undefined;
}

export interface LabelFormat {
  readonly kind: 'LabelFormat';
  readonly ops: readonly LabelFormatOp[];
}

/** `| drop a, b="v"` / `| keep …`: a bare name has `matcher` undefined. */
export interface NamedLabel {
  readonly name: string;
  readonly matcher: Matcher | undefined;
}

export interface DropLabels {
  readonly kind: 'DropLabels';
  readonly labels: readonly NamedLabel[];
}

export interface KeepLabels {
  readonly kind: 'KeepLabels';
  readonly labels: readonly NamedLabel[];
}

export interface Decolorize {
  readonly kind: 'Decolorize';
}

export type PipelineStage =
  | LineFilter
  | JsonParser
  | LogfmtParser
  | RegexpParser
  | PatternParser
  | UnpackParser
  | LabelFilterStage
  | LineFormat
  | LabelFormat
  | DropLabels
  | KeepLabels
  | Decolorize;

/** A selector with its pipeline: `{app="x"} |= "y" | json`. A log query. */
export interface LogSelectorExpr {
  readonly kind: 'LogSelectorExpr';
  readonly selector: StreamSelector;
  readonly stages: readonly PipelineStage[];
}

// ---------------------------------------------------------------------------
// Metric expressions

export type UnwrapConversion = '' | 'bytes' | 'duration' | 'duration_seconds';

export interface Unwrap {
  readonly label: string;
  readonly conversion: UnwrapConversion;
  /** Label filters written after unwrap (`| unwrap x | __error__=""`). */
  readonly postFilters: readonly LabelFilter[];
}

/** `{…} | … [5m] offset 1h`, the argument of a range aggregation. */
export interface LogRange {
  readonly kind: 'LogRange';
  readonly selector: LogSelectorExpr;
  readonly rangeNs: number;
  readonly offsetNs: number;
  readonly unwrap: Unwrap | undefined;
}

export type RangeOp =
  | 'count_over_time'
  | 'rate'
  | 'rate_counter'
  | 'bytes_over_time'
  | 'bytes_rate'
  | 'avg_over_time'
  | 'sum_over_time'
  | 'min_over_time'
  | 'max_over_time'
  | 'stdvar_over_time'
  | 'stddev_over_time'
  | 'quantile_over_time'
  | 'first_over_time'
  | 'last_over_time'
  | 'absent_over_time';

export interface Grouping {
  readonly without: boolean;
  /** Empty for `by ()`. */
  readonly labels: readonly string[];
}

export interface RangeAggregation {
  readonly kind: 'RangeAggregation';
  readonly op: RangeOp;
  readonly range: LogRange;
  /** Only quantile_over_time takes one. */
  readonly param: number | undefined;
  readonly grouping: Grouping | undefined;
}

export type VectorOp =
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'sort'
  | 'sort_desc'
  | 'approx_topk';

export interface VectorAggregation {
  readonly kind: 'VectorAggregation';
  readonly op: VectorOp;
  readonly expr: MetricExpr;
  /** topk/bottomk/approx_topk's k. */
  readonly param: number | undefined;
  readonly grouping: Grouping | undefined;
}

export type BinaryOp =
  | 'or'
  | 'and'
  | 'unless'
  | '=='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^';

export interface VectorMatching {
  /** `on(…)` when true, `ignoring(…)` when false. */
  readonly on: boolean;
  readonly labels: readonly string[];
  readonly card: 'one-to-one' | 'many-to-one' | 'one-to-many';
  /** Labels listed in group_left(…)/group_right(…). */
  readonly include: readonly string[];
}

export interface BinOp {
  readonly kind: 'BinOp';
  readonly op: BinaryOp;
  readonly left: MetricExpr;
  readonly right: MetricExpr;
  readonly returnBool: boolean;
  /** undefined when neither on/ignoring nor group_* was written. */
  readonly matching: VectorMatching | undefined;
}

/** A number; the result of folding literal-only arithmetic too. */
export interface Literal {
  readonly kind: 'Literal';
  readonly value: number;
}

/** `vector(1)` */
export interface VectorExpr {
  readonly kind: 'VectorExpr';
  readonly value: number;
}

/** `label_replace(expr, "dst", "replacement", "src", "regex")` */
export interface LabelReplace {
  readonly kind: 'LabelReplace';
  readonly expr: MetricExpr;
  readonly dst: string;
  readonly replacement: string;
  readonly src: string;
  readonly regex: string;
}

export type MetricExpr = RangeAggregation | VectorAggregation | BinOp | Literal | VectorExpr | LabelReplace;

/** Anything `parseExpr` returns. */
export type Expr = LogSelectorExpr | MetricExpr;

/** True for log queries (the `streams` result type). */
export function isLogSelectorExpr(expr: Expr): expr is LogSelectorExpr {
  return expr.kind === 'LogSelectorExpr';
}
