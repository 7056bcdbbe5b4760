/**
 * `format_query`'s pretty form: Loki's prettier.go. An expression whose
 * canonical text (print.ts) is longer than `maxCharsPerLine` bytes is split,
 * children indented by two spaces per level; shorter ones stay on one line.
 * Loki's quirks are kept: a split line filter loses its `or` alternatives,
 * `| decolorize` is never indented, offsets use the Prometheus duration form.
 */
import { formatPromDuration } from '../../core/go/duration.js';
import { formatGoFloat } from '../../core/go/float.js';
import { quoteGoString } from '../../core/labels/labels.js';
import type { Expr, Grouping, LineFilter, LogRange, LogSelectorExpr, PipelineStage, Unwrap } from './ast.js';
import {
  printBinaryOperator,
  printExpr,
  printLabelFilter,
  printLineFilter,
  printLineFilterHead,
  printLogSelector,
  printSelector,
  printStage,
  type BinaryOperatorStyle,
} from './print.js';

/** formatBinaryOp: like String() but `on`/`ignoring` only with labels, lists joined by ", ". */
const prettyOperatorStyle: BinaryOperatorStyle = { listSeparator: ', ', keepEmptyOn: false };

export interface FormatOptions {
  /** Loki's MaxCharsPerLine (100). */
  readonly maxCharsPerLine?: number;
}

function indent(level: number): string {
  return '  '.repeat(level);
}

class Prettier {
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  #needSplit(text: string): boolean {
    return Buffer.byteLength(text, 'utf8') > this.#max;
  }

  expr(e: Expr, level: number): string {
    switch (e.kind) {
      case 'LogSelectorExpr':
        return this.logSelector(e, level);
      case 'RangeAggregation': {
        const text = printExpr(e);
        if (!this.#needSplit(text)) return indent(level) + text;
        let s = `${indent(level)}${e.op}(\n`;
        if (e.param !== undefined) s += `${indent(level + 1)}${formatGoFloat(e.param)},\n`;
        s += this.logRange(e.range, level + 1);
        s += `\n${indent(level)})`;
        if (e.grouping !== undefined) s += prettyGrouping(e.grouping);
        return s;
      }
      case 'VectorAggregation': {
        const text = printExpr(e);
        if (!this.#needSplit(text)) return indent(level) + text;
        const left = this.expr(e.expr, level + 1);
        const params = e.param !== undefined ? [`${indent(level + 1)}${e.param}`, left] : [left];
        let s = indent(level) + e.op;
        s += prettyGrouping(e.grouping ?? { without: false, labels: [] });
        s += `(\n${params.join(',\n')}\n${indent(level)})`;
        return s;
      }
      case 'BinOp': {
        const text = printExpr(e);
        if (!this.#needSplit(text)) return indent(level) + text;
        return `${this.expr(e.left, level + 1)}\n${indent(level)}${printBinaryOperator(e, prettyOperatorStyle)}\n${this.expr(e.right, level + 1)}`;
      }
      case 'LabelReplace': {
        const text = printExpr(e);
        if (!this.#needSplit(text)) return indent(level) + text;
        const inner = indent(level + 1);
        const params = [
          this.expr(e.expr, level + 1),
          inner + quoteGoString(e.dst),
          inner + quoteGoString(e.replacement),
          inner + quoteGoString(e.src),
          inner + quoteGoString(e.regex),
        ];
        return `${indent(level)}label_replace(\n${params.join(',\n')}\n${indent(level)})`;
      }
      case 'Literal':
      case 'VectorExpr':
        return indent(level) + printExpr(e);
    }
  }

  logSelector(e: LogSelectorExpr, level: number): string {
    const text = printLogSelector(e);
    if (e.stages.length === 0 || !this.#needSplit(text)) return indent(level) + text;
    const lines = [indent(level) + printSelector(e.selector)];
    for (const group of groupStages(e.stages)) {
      lines.push(Array.isArray(group) ? this.lineFilters(group, level + 1) : prettyStage(group, level + 1));
    }
    return lines.join('\n');
  }

  /**
   * Loki's LineFilterExpr.Pretty over a chain: the longest prefix that fits
   * stays on one line, each later filter gets its own line (first value only).
   * Loki recurses from the end; this walks back iteratively.
   */
  lineFilters(chain: readonly LineFilter[], level: number): string {
    const texts = chain.map(printLineFilter);
    // prefixBytes[n] = byte length of the first n filters joined by spaces.
    const prefixBytes = [0];
    for (let i = 0; i < texts.length; i++) {
      prefixBytes.push((prefixBytes[i] as number) + Buffer.byteLength(texts[i] as string, 'utf8') + (i > 0 ? 1 : 0));
    }
    const heads: string[] = [];
    let n = chain.length;
    while (n > 0 && (prefixBytes[n] as number) > this.#max) {
      heads.push(indent(level) + printLineFilterHead(chain[n - 1] as LineFilter));
      n--;
    }
    const lines = n > 0 ? [indent(level) + texts.slice(0, n).join(' ')] : [];
    for (let i = heads.length - 1; i >= 0; i--) lines.push(heads[i] as string);
    return lines.join('\n');
  }

  logRange(r: LogRange, level: number): string {
    let s = this.logSelector(r.selector, level);
    if (r.unwrap !== undefined) s += `\n${prettyUnwrap(r.unwrap, level + 1)}`;
    s += ` [${formatPromDuration(r.rangeNs)}]`;
    if (r.offsetNs !== 0) s += ` offset ${formatPromDuration(r.offsetNs)}`;
    return s;
  }
}

/** Consecutive line filters form one Loki stage (a chain); other stages stand alone. */
function groupStages(stages: readonly PipelineStage[]): Array<PipelineStage | LineFilter[]> {
  const out: Array<PipelineStage | LineFilter[]> = [];
  for (const stage of stages) {
    const last = out[out.length - 1];
    if (stage.kind === 'LineFilter') {
      if (Array.isArray(last)) last.push(stage);
      else out.push([stage]);
    } else {
      out.push(stage);
    }
  }
  return out;
}

function prettyStage(stage: PipelineStage, level: number): string {
  if (stage.kind === 'Decolorize') return printStage(stage);
  return indent(level) + printStage(stage);
}

function prettyUnwrap(unwrap: Unwrap, level: number): string {
  const target = unwrap.conversion === '' ? unwrap.label : `${unwrap.conversion}(${unwrap.label})`;
  let s = `${indent(level)}| unwrap ${target}`;
  for (const f of unwrap.postFilters) s += `\n${indent(level)}| ${printLabelFilter(f)}`;
  return s;
}

/** Grouping.Pretty: ` by (a, b)`, ` without (a)`, ` without`, or nothing for `by ()`. */
function prettyGrouping(g: Grouping): string {
  let s = '';
  if (g.without) s += ' without';
  else if (g.labels.length > 0) s += ' by';
  if (g.labels.length > 0) s += ` (${g.labels.join(', ')})`;
  return s;
}

/** The text `GET /loki/api/v1/format_query` answers for a parsed query. */
export function formatQuery(expr: Expr, options: FormatOptions = {}): string {
  return new Prettier(options.maxCharsPerLine ?? 100).expr(expr, 0);
}

