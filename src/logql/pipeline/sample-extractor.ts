import { parseBytes, parseGoDuration, parseGoFloat, type ParseResult } from '../../core/go/index.js';
import { formatLabels, type Labels } from '../../core/index.js';
import type { Grouping, RangeAggregation, UnwrapConversion } from '../syntax/ast.js';
import { compileStageFactories, createLabelFilterStage, runStages } from './compile.js';
import { pipelineErrors } from './errors.js';
import { LabelsBuilder } from './labels-builder.js';
import { computeParserHints } from './parser-hints.js';
import type { Stage } from './stage.js';
import type { ExtractedSample, SampleExtractor, StreamSampleExtractor } from './types.js';
import { utf8Length } from './utf8.js';

export { utf8Length };

export interface SampleExtractorOptions {
  /**
   * The grouping of an enclosing vector aggregation (`sum by (app) (…)`):
   * series labels are reduced to it early, as Loki's grouping hints do.
   * A sample that carries `__error__` keeps its full labels so the engine
   * can report it.
   */
  readonly outerGrouping?: Grouping | undefined;
  /**
   * Loki's parser hints (default true): json and logfmt extract only the
   * labels the query reads when the grouping hides the others. False runs the
   * full pipeline (tests compare the two).
   */
  readonly parserHints?: boolean | undefined;
}

/**
 * The per-entry sample source of a range aggregation (Loki's
 * SampleExtractor): 1 per entry (count_over_time, rate, absent_over_time),
 * the UTF-8 byte length of the final line (bytes_over_time, bytes_rate), or
 * the unwrapped label converted (logql.md §10.3) with the unwrapped label
 * removed and the range aggregation's own by/without applied.
 */
export function compileSampleExtractor(agg: RangeAggregation, options: SampleExtractorOptions = {}): SampleExtractor {
  const grouping = agg.grouping ?? options.outerGrouping;
  const factories = compileStageFactories(agg.range.selector.stages, options.parserHints === false ? undefined : computeParserHints(agg, grouping));
  const unwrap = agg.range.unwrap;
  const postFilters = unwrap === undefined ? [] : unwrap.postFilters.map((f) => createLabelFilterStage(f));
  const convert = unwrap === undefined ? undefined : converter(unwrap.conversion);
  const bytes = agg.op === 'bytes_over_time' || agg.op === 'bytes_rate';
  const cache = new Map<string, StreamSampleExtractor>();
  return {
    forStream(labels: Labels): StreamSampleExtractor {
      const key = formatLabels(labels);
      let se = cache.get(key);
      if (se === undefined) {
        const lbs = new LabelsBuilder(labels, key);
        const stages = factories.map((f) => f());
        const group = createGrouper(grouping);
        if (unwrap === undefined || convert === undefined) {
          se = {
            process(tsNs, line, metadata): ExtractedSample | undefined {
              const out = runStages(stages, lbs, tsNs, line, metadata);
              if (out === null) return undefined;
              return new Sample(bytes ? utf8Length(out) : 1, group(lbs));
            },
          };
        } else {
          se = createUnwrapExtractor(stages, postFilters, lbs, unwrap.label, convert, group);
        }
        cache.set(key, se);
      }
      return se;
    },
  };
}

function createUnwrapExtractor(
  stages: readonly Stage[],
  postFilters: readonly Stage[],
  lbs: LabelsBuilder,
  label: string,
  convert: (text: string) => ParseResult<number>,
  group: (lbs: LabelsBuilder) => { readonly labels: Labels; readonly key: string },
): StreamSampleExtractor {
  return {
    process(tsNs, line, metadata) {
      const out = runStages(stages, lbs, tsNs, line, metadata);
      if (out === null) return undefined;
      const text = lbs.get(label);
      if (text === undefined || text === '') return undefined;
      const parsed = convert(text);
      let value = 0;
      if (parsed.ok) value = parsed.value;
      else lbs.setErr(pipelineErrors.sampleExtraction, parsed.error);
      for (const f of postFilters) if (f.process(tsNs, out, lbs) === null) return undefined;
      lbs.delete(label);
      return new Sample(value, group(lbs));
    },
  };
}

/** An extracted sample whose label object is only built when read. */
class Sample implements ExtractedSample {
  readonly value: number;
  readonly #labels: { readonly labels: Labels; readonly key: string };

  constructor(value: number, labels: { readonly labels: Labels; readonly key: string }) {
    this.value = value;
    this.#labels = labels;
  }

  get labels(): Labels {
    return this.#labels.labels;
  }

  get key(): string {
    return this.#labels.key;
  }
}

function converter(conversion: UnwrapConversion): (text: string) => ParseResult<number> {
  switch (conversion) {
    case 'bytes':
      return parseBytes;
    case 'duration':
    case 'duration_seconds':
      return (text) => {
        const r = parseGoDuration(text);
        return r.ok ? { ok: true, value: r.value / 1e9 } : r;
      };
    default:
      return parseGoFloat;
  }
}

type GroupedLabels = { readonly labels: Labels; readonly key: string };

/**
 * Output labels for a sample: the full set, or reduced by grouping unless the
 * line has an error. One grouper per stream: while no stage changed the
 * line's labels (no parser, or nothing parsed), the answer is the stream's
 * own, computed once.
 */
function createGrouper(grouping: Grouping | undefined): (lbs: LabelsBuilder) => GroupedLabels {
  if (grouping === undefined) return (lbs) => lbs.labelsWithKey();
  const group = createLabelsGrouper(grouping);
  let unchanged: GroupedLabels | undefined;
  return (lbs) => {
    if (!lbs.unchanged) return group(lbs);
    unchanged ??= group(lbs);
    return unchanged;
  };
}

function createLabelsGrouper(grouping: Grouping): (lbs: LabelsBuilder) => GroupedLabels {
  const names = [...new Set(grouping.labels)].sort();
  const keyCache = new Map<string, { labels: Labels; key: string }>();
  if (!grouping.without) {
    return (lbs) => {
      if (lbs.hasErr) return lbs.labelsWithKey();
      let sig = '';
      for (const n of names) sig += `${lbs.get(n) ?? '\u0001'}\u0000`;
      let hit = keyCache.get(sig);
      if (hit === undefined) {
        const labels: Record<string, string> = {};
        for (const n of names) {
          const v = lbs.get(n);
          if (v !== undefined) labels[n] = v;
        }
        hit = { labels, key: formatLabels(labels) };
        if (keyCache.size < 10_000) keyCache.set(sig, hit);
      }
      return hit;
    };
  }
  const drop = new Set(names);
  return (lbs) => {
    if (lbs.hasErr) return lbs.labelsWithKey();
    const all = lbs.labels();
    const labels: Record<string, string> = {};
    for (const n in all) if (!drop.has(n)) labels[n] = all[n] as string;
    return { labels, key: formatLabels(labels) };
  };
}
