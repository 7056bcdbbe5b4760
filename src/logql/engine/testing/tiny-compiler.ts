import { formatLabels, type Labels } from '../../../core/index.js';
import type { Expr, LabelFilter, LogSelectorExpr, RangeAggregation } from '../../syntax/ast.js';
import type { LogPipeline, SampleExtractor } from '../../pipeline/types.js';
import type { QueryCompiler } from '../compiler.js';
import { groupLabels } from '../grouping.js';

/**
 * A test-only stand-in for the parser and pipeline: queries are looked up in
 * a table of hand-built ASTs; pipelines support `|=`/`!=` line filters, and
 * `| unwrap x` reads `x=<v>` from the line (a bad number sets
 * `__error__="SampleExtractionErr"`), with `__error__=""` post-filters.
 */
export function createTinyCompiler(queries: ReadonlyMap<string, Expr>): QueryCompiler {
  return {
    parseExpr(query) {
      const expr = queries.get(query);
      if (expr === undefined) throw new Error(`tiny compiler: no AST for ${query}`);
      return expr;
    },
    compileLogPipeline: compileTinyPipeline,
    compileSampleExtractor: compileTinyExtractor,
    leadingLineFilter: (expr) => lineFilterOf(expr),
  };
}

function lineFilterOf(expr: LogSelectorExpr): ((line: string) => boolean) | undefined {
  const filters = expr.stages.flatMap((s) => (s.kind === 'LineFilter' ? [s] : []));
  if (filters.length === 0) return undefined;
  return (line) => filters.every((f) => f.values.some((v) => line.includes(v.value)) === (f.op === '|='));
}

function compileTinyPipeline(expr: LogSelectorExpr): LogPipeline {
  const filter = lineFilterOf(expr) ?? (() => true);
  return {
    forStream(labels) {
      const key = formatLabels(labels);
      return { process: (_ts, line) => (filter(line) ? { line, labels, key } : undefined) };
    },
  };
}

function compileTinyExtractor(node: RangeAggregation): SampleExtractor {
  const filter = lineFilterOf(node.range.selector) ?? (() => true);
  const unwrap = node.range.unwrap;
  const bytes = node.op === 'bytes_over_time' || node.op === 'bytes_rate';
  return {
    forStream(streamLabels) {
      const cache = new Map<string, { labels: Labels; key: string }>();
      const output = (labels: Labels): { labels: Labels; key: string } => {
        const grouped = node.grouping === undefined ? labels : groupLabels(labels, node.grouping);
        const key = formatLabels(grouped);
        let hit = cache.get(key);
        if (hit === undefined) {
          hit = { labels: grouped, key };
          cache.set(key, hit);
        }
        return hit;
      };
      const streamOut = output(streamLabels);
      return {
        process(_ts, line) {
          if (!filter(line)) return undefined;
          if (unwrap === undefined) return { value: bytes ? Buffer.byteLength(line) : 1, labels: streamOut.labels, key: streamOut.key };
          const raw = new RegExp(`(?:^| )${unwrap.label}=(\\S*)`).exec(line)?.[1];
          if (raw === undefined || raw === '') return undefined;
          const value = Number(raw);
          let labels = streamLabels;
          if (Number.isNaN(value) && raw !== 'NaN') {
            labels = {
              ...streamLabels,
              __error__: 'SampleExtractionErr',
              __error_details__: `strconv.ParseFloat: parsing ${JSON.stringify(raw)}: invalid syntax`,
            };
          }
          if (!unwrap.postFilters.every((f) => passes(f, labels))) return undefined;
          return { value: Number.isNaN(value) ? 0 : value, ...output(labels) };
        },
      };
    },
  };
}

function passes(filter: LabelFilter, labels: Labels): boolean {
  if (filter.kind !== 'StringLabelFilter') return true;
  const value = labels[filter.matcher.name] ?? '';
  return filter.matcher.op === '=' ? value === filter.matcher.value : value !== filter.matcher.value;
}
