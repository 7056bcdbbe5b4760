/**
 * The canonical one-line form of a query: Loki's `Expr.String()` byte for
 * byte (binary operations parenthesised, label filter combinations written
 * `( a , b )`, offsets in Go duration form, `vector(1.000000)`).
 */
import { formatGoDuration, formatPromDuration } from '../../core/go/duration.js';
import { formatGoFloat, formatGoFloatFixed, formatGoFloatPrecision6 } from '../../core/go/float.js';
import { quoteGoString } from '../../core/labels/labels.js';
import type {
  BinOp,
  ComparisonOp,
  Expr,
  Grouping,
  LabelFilter,
  LineFilter,
  LogRange,
  LogSelectorExpr,
  Matcher,
  NamedLabel,
  PipelineStage,
  StreamSelector,
  Unwrap,
  VectorAggregation,
} from './ast.js';
import { isSimplifiableRegex } from './regex-simplify.js';

/** Prometheus Matcher.String(): the name is quoted unless it is a legacy label name. */
export function printMatcher(m: Matcher): string {
  const plainName = /^[A-Za-z_][A-Za-z0-9_]*$/.test(m.name);
  return `${plainName ? m.name : quoteGoString(m.name)}${m.op}${quoteGoString(m.value)}`;
}

export function printSelector(selector: StreamSelector): string {
  return `{${selector.matchers.map(printMatcher).join(', ')}}`;
}

function printLineFilterValue(value: { value: string; ip: boolean }): string {
  return value.ip ? `ip(${quoteGoString(value.value)})` : quoteGoString(value.value);
}

export function printLineFilter(filter: LineFilter): string {
  return `${filter.op} ${filter.values.map(printLineFilterValue).join(' or ')}`;
}

/** The first alternative only, as Loki's prettier prints a split line filter. */
export function printLineFilterHead(filter: LineFilter): string {
  const first = filter.values[0];
  return first === undefined ? filter.op : `${filter.op} ${printLineFilterValue(first)}`;
}

function printCmp(op: ComparisonOp): string {
  return op === '=' ? '==' : op;
}

/** humanize.Bytes with spaces removed (`20kB`, `1.5MB`, `9B`). */
export function printBytes(bytes: number): string {
  if (bytes < 10) return `${bytes}B`;
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.floor(Math.log(bytes) / Math.log(1000));
  const val = Math.floor((bytes / 1000 ** e) * 10 + 0.5) / 10;
  const text = val < 10 ? val.toFixed(1) : val.toFixed(0);
  return `${text}${sizes[e]}`;
}

export function printLabelFilter(filter: LabelFilter): string {
  switch (filter.kind) {
    case 'StringLabelFilter': {
      const m = filter.matcher;
      if (m.op === '=~' && !isSimplifiableRegex(m.value)) {
        const value = m.value.includes('`') ? quoteGoString(m.value) : `\`${m.value}\``;
        return `${m.name}${m.op}${value}`;
      }
      return printMatcher(m);
    }
    case 'NumericLabelFilter':
      return `${filter.name}${printCmp(filter.op)}${formatGoFloatFixed(filter.value)}`;
    case 'DurationLabelFilter':
      return `${filter.name}${printCmp(filter.op)}${formatGoDuration(filter.valueNs)}`;
    case 'BytesLabelFilter':
      return `${filter.name}${printCmp(filter.op)}${printBytes(filter.bytes)}`;
    case 'IpLabelFilter':
      return `${filter.name}${filter.op}ip(${quoteGoString(filter.pattern)})`;
    case 'BinaryLabelFilter':
      return `( ${printLabelFilter(filter.left)}${filter.op === 'and' ? ' , ' : ' or '}${printLabelFilter(filter.right)} )`;
  }
}

function printNamed(labels: readonly NamedLabel[]): string {
  return labels.map((l) => (l.matcher !== undefined ? printMatcher(l.matcher) : l.name)).join(',');
}

export function printStage(stage: PipelineStage): string {
  switch (stage.kind) {
    case 'LineFilter':
      return printLineFilter(stage);
    case 'JsonParser':
      if (stage.extractions.length === 0) return '| json';
      return `| json ${stage.extractions.map((e) => `${e.name}=${quoteGoString(e.expression ?? e.name)}`).join(',')}`;
    case 'LogfmtParser': {
      if (stage.extractions.length === 0) {
        return `| logfmt${stage.strict ? ' --strict' : ''}${stage.keepEmpty ? ' --keep-empty' : ''}`;
      }
      const flags = `${stage.strict ? '--strict ' : ''}${stage.keepEmpty ? '--keep-empty ' : ''}`;
      return `| logfmt ${flags}${stage.extractions.map((e) => `${e.name}=${quoteGoString(e.expression ?? e.name)}`).join(',')}`;
    }
    case 'RegexpParser':
      return `| regexp ${quoteGoString(stage.regexp)}`;
    case 'PatternParser':
      return `| pattern ${quoteGoString(stage.pattern)}`;
    case 'UnpackParser':
      return '| unpack';
    case 'LabelFilterStage':
      return `| ${printLabelFilter(stage.filter)}`;
    case 'LineFormat':
      return `| line_format ${quoteGoString(stage.template)}`;
    case 'LabelFormat':
      return `| label_format ${stage.ops
        .map((op) => (op.rename !== undefined ? `${op.name}=${op.rename}` : `${op.name}=${quoteGoString(op.template ?? '')}`))
        .join(',')}`;
    case 'DropLabels':
      return `| drop ${printNamed(stage.labels)}`;
    case 'KeepLabels':
      return `| keep ${printNamed(stage.labels)}`;
    case 'Decolorize':
      return '| decolorize';
  }
}

export function printLogSelector(expr: LogSelectorExpr): string {
  const selector = printSelector(expr.selector);
  if (expr.stages.length === 0) return selector;
  return `${selector} ${expr.stages.map(printStage).join(' ')}`;
}

export function printUnwrap(unwrap: Unwrap): string {
  const target = unwrap.conversion === '' ? unwrap.label : `${unwrap.conversion}(${unwrap.label})`;
  return ` | unwrap ${target}${unwrap.postFilters.map((f) => ` | ${printLabelFilter(f)}`).join('')}`;
}

export function printLogRange(range: LogRange): string {
  let out = printLogSelector(range.selector);
  if (range.unwrap !== undefined) out += printUnwrap(range.unwrap);
  out += `[${formatPromDuration(range.rangeNs)}]`;
  if (range.offsetNs !== 0) out += ` offset ${formatGoDuration(range.offsetNs)}`;
  return out;
}

/** Grouping.String(): ` by (a,b)` / ` without ()`. */
export function printGrouping(grouping: Grouping): string {
  return `${grouping.without ? ' without ' : ' by '}(${grouping.labels.join(',')})`;
}

/** Loki omits `by ()` on vector aggregations (the "singleton" grouping). */
export function isSingletonGrouping(grouping: Grouping | undefined): boolean {
  return grouping === undefined || (!grouping.without && grouping.labels.length === 0);
}

function printVectorAggregation(expr: VectorAggregation): string {
  const params = expr.param !== undefined ? [String(expr.param), printExpr(expr.expr)] : [printExpr(expr.expr)];
  const grouping = isSingletonGrouping(expr.grouping) ? '' : printGrouping(expr.grouping as Grouping);
  return `${expr.op}${grouping}(${params.join(',')})`;
}

/** How an operator's modifiers are written (see printBinaryOperator). */
export interface BinaryOperatorStyle {
  /** Joins the `on`/`ignoring` and `group_*` label lists. */
  readonly listSeparator: string;
  /** Writes `on ()` as well (String()); the formatter drops matching without labels. */
  readonly keepEmptyOn: boolean;
}

/** BinOpExpr.String(): lists joined by ",", `on ()` kept. */
const stringStyle: BinaryOperatorStyle = { listSeparator: ',', keepEmptyOn: true };

/**
 * The operator with its modifiers (`bool`, `on`/`ignoring`, `group_left`/`group_right`),
 * as BinOpExpr.String() writes it, or in another style (the formatter's formatBinaryOp).
 */
export function printBinaryOperator(expr: BinOp, style: BinaryOperatorStyle = stringStyle): string {
  let op: string = expr.op;
  if (expr.returnBool) op += ' bool';
  const m = expr.matching;
  if (m !== undefined) {
    let group = m.card === 'many-to-one' ? 'group_left' : m.card === 'one-to-many' ? 'group_right' : '';
    if (m.include.length > 0) group = `${group} (${m.include.join(style.listSeparator)})`;
    if ((style.keepEmptyOn && m.on) || m.labels.length > 0) op = `${op} ${m.on ? 'on' : 'ignoring'} (${m.labels.join(style.listSeparator)}) ${group}`;
  }
  return op;
}

/** Loki's canonical `String()` of any expression. */
export function printExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'LogSelectorExpr':
      return printLogSelector(expr);
    case 'RangeAggregation': {
      const param = expr.param !== undefined ? `${formatGoFloatFixed(expr.param)},` : '';
      const grouping = expr.grouping !== undefined ? printGrouping(expr.grouping) : '';
      return `${expr.op}(${param}${printLogRange(expr.range)})${grouping}`;
    }
    case 'VectorAggregation':
      return printVectorAggregation(expr);
    case 'BinOp':
      return `(${printExpr(expr.left)} ${printBinaryOperator(expr)} ${printExpr(expr.right)})`;
    case 'Literal':
      return formatGoFloat(expr.value);
    case 'VectorExpr':
      return `vector(${formatGoFloatPrecision6(expr.value)})`;
    case 'LabelReplace':
      return `label_replace(${printExpr(expr.expr)},${quoteGoString(expr.dst)},${quoteGoString(expr.replacement)},${quoteGoString(
        expr.src,
      )},${quoteGoString(expr.regex)})`;
  }
}
