import type { Grouping, LabelFilter, PipelineStage, RangeAggregation } from '../syntax/ast.js';

/**
 * Loki's parser hints (`pkg/logql/log/parser_hints.go`), for metric queries
 * only: the json and logfmt parsers extract just the labels the rest of the
 * query reads (label filters, templates, renames, unwrap, the grouping), or
 * nothing at all under `sum(…)` without grouping. Output labels are what the
 * full pipeline would give wherever the grouping lets them through.
 */
export interface ParserHints {
  /** Nothing needs extracting: json and logfmt do not run (Loki's NoLabels). */
  readonly noLabels: boolean;
  /** The label names worth extracting (final names, `_extracted` included). */
  readonly required: ReadonlySet<string>;
  /** `required` as a list, for prefix tests. */
  readonly requiredList: readonly string[];
}

const extractedSuffix = '_extracted';

/** Whether a parser should set the label `name` (its final name, after any `_extracted`). */
export function shouldExtract(hints: ParserHints, name: string): boolean {
  return hints.required.has(name);
}

/** Whether some wanted label starts with `prefix` (json descends into a nested object only then). */
export function shouldExtractPrefix(hints: ParserHints, prefix: string): boolean {
  for (const l of hints.requiredList) if (l.startsWith(prefix)) return true;
  return false;
}

/**
 * The hints of a range aggregation's extractor, as Loki's NewParserHint builds
 * them: `grouping` is the range aggregation's own or the enclosing `sum`'s
 * (injected); without a grouping, or with `without`, every label may be
 * visible and there are no hints (undefined), except that a `by ()`
 * grouping (or absent_over_time) needs only what the stages read. Undefined
 * too when a template's label references cannot be listed.
 */
export function computeParserHints(agg: RangeAggregation, grouping: Grouping | undefined): ParserHints | undefined {
  const stages = agg.range.selector.stages;
  if (!stages.some((s) => s.kind === 'JsonParser' || s.kind === 'LogfmtParser')) return undefined;
  let noLabels = grouping !== undefined && !grouping.without && grouping.labels.length === 0;
  if (agg.op === 'absent_over_time') noLabels = true;
  if (!noLabels && (grouping === undefined || grouping.without)) return undefined;
  const names = requiredLabelNames(stages);
  if (names === undefined) return undefined;
  const unwrap = agg.range.unwrap;
  if (unwrap !== undefined) {
    names.push(unwrap.label);
    for (const f of unwrap.postFilters) collectFilterNames(f, names);
  }
  if (!noLabels && grouping !== undefined) names.push(...grouping.labels);
  const required = new Set<string>();
  for (const n of names) {
    required.add(n);
    if (n.endsWith(extractedSuffix)) required.add(n.slice(0, -extractedSuffix.length));
  }
  if (noLabels && required.size === 0) return { noLabels: true, required, requiredList: [] };
  return { noLabels: false, required, requiredList: [...required] };
}

/** The label names the stages read (Loki's RequiredLabelNames); undefined when a template's cannot be listed. */
export function requiredLabelNames(stages: readonly PipelineStage[]): string[] | undefined {
  const names: string[] = [];
  for (const s of stages) {
    switch (s.kind) {
      case 'LabelFilterStage':
        collectFilterNames(s.filter, names);
        break;
      case 'LineFormat':
        if (!collectTemplateFields(s.template, names)) return undefined;
        break;
      case 'LabelFormat':
        for (const op of s.ops) {
          if (op.rename !== undefined) names.push(op.rename);
          if (op.template !== undefined && !collectTemplateFields(op.template, names)) return undefined;
        }
        break;
      case 'DropLabels':
      case 'KeepLabels':
        for (const l of s.labels) names.push(l.name);
        break;
      default:
        break;
    }
  }
  return names;
}

function collectFilterNames(filter: LabelFilter, out: string[]): void {
  switch (filter.kind) {
    case 'BinaryLabelFilter':
      collectFilterNames(filter.left, out);
      collectFilterNames(filter.right, out);
      return;
    case 'StringLabelFilter':
      out.push(filter.matcher.name);
      return;
    default:
      out.push(filter.name);
  }
}

const action = /\{\{(.*?)\}\}/gs;
const field = /\.([A-Za-z_][A-Za-z0-9_]*)/g;
const opaque = /\$|\b(?:range|with|template|define|block|index)\b|\.(?![A-Za-z_])/;

/**
 * Adds the `.name` fields a template's actions read. False (no hints) when an
 * action may read labels another way: the whole map (`.`, `$`, `index`), a
 * loop or a nested template, or any text we do not recognise.
 */
function collectTemplateFields(template: string, out: string[]): boolean {
  for (const m of template.matchAll(action)) {
    // String literals may hide dots or keywords: refuse rather than guess.
    const body = m[1] as string;
    if (body.includes('"') || body.includes('`') || body.includes("'")) return false;
    if (opaque.test(body)) return false;
    for (const f of body.matchAll(field)) out.push(f[1] as string);
  }
  // An unterminated action is a parse error reported by the template compiler.
  return true;
}
