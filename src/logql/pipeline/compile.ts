import { formatLabels, WatchpostError, type Labels } from '../../core/index.js';
import { createParseError, printStage } from '../syntax/index.js';
import type { LabelFilter, LineFilter, LogSelectorExpr, PipelineStage } from '../syntax/ast.js';
import { createPatternStageFactory, createRegexpStageFactory } from './capture-parsers.js';
import { createLabelFormatStageFactory, createLineFormatStageFactory } from './formatters.js';
import { createJsonExpressionStage } from './json-expr.js';
import { createJsonStage, createUnpackStage } from './json-parser.js';
import { createDecolorizeStage, createDropStage, createKeepStage } from './label-edit.js';
import { compileLabelFilter } from './label-filter.js';
import { LabelsBuilder } from './labels-builder.js';
import { combineLinePredicates, compileLineFilter, type LinePredicate } from './line-filter.js';
import { createLogfmtExpressionStageFactory, createLogfmtStageFactory } from './logfmt.js';
import type { ParserHints } from './parser-hints.js';
import type { Stage, StageFactory } from './stage.js';
import type { LabelCategories, LogPipeline, ProcessedLine, StreamPipeline } from './types.js';

/**
 * Loki's reorderStages (syntax/ast.go): line filters move in front of the
 * parsers and formatters before them (they commute), but never across a
 * label filter, a line_format or an unpack (which rewrite the line). As in
 * Loki, decolorize is no barrier: a filter written after it sees the raw line.
 */
export function reorderStages(stages: readonly PipelineStage[]): PipelineStage[] {
  const out: PipelineStage[] = [];
  let filters: PipelineStage[] = [];
  let others: PipelineStage[] = [];
  const flush = (): void => {
    out.push(...filters, ...others);
    filters = [];
    others = [];
  };
  for (const s of stages) {
    if (s.kind === 'LabelFilterStage') {
      flush();
      out.push(s);
    } else if (s.kind === 'LineFilter') filters.push(s);
    else if (s.kind === 'LineFormat' || s.kind === 'UnpackParser') {
      others.push(s);
      flush();
    } else others.push(s);
  }
  flush();
  return out;
}

/**
 * The pure line-filter prefix of a query's pipeline (after reordering), for
 * the store to apply while it decodes chunks; undefined when there is none.
 */
export function leadingLineFilter(expr: LogSelectorExpr): ((line: string) => boolean) | undefined {
  const preds: LinePredicate[] = [];
  for (const s of reorderStages(expr.stages)) {
    if (s.kind !== 'LineFilter') break;
    preds.push(compileLineFilter(s));
  }
  return preds.length === 0 ? undefined : combineLinePredicates(preds);
}

/**
 * Compiles the AST stages to per-stream stage factories (validation errors
 * throw here, once per query). `hints` (metric queries) narrow what the json
 * and logfmt parsers extract.
 */
export function compileStageFactories(stages: readonly PipelineStage[], hints?: ParserHints): StageFactory[] {
  const factories: StageFactory[] = [];
  const ordered = reorderStages(stages);
  for (let i = 0; i < ordered.length; i++) {
    const s = ordered[i] as PipelineStage;
    if (s.kind === 'LineFilter') {
      const run: LineFilter[] = [s];
      while (ordered[i + 1]?.kind === 'LineFilter') run.push(ordered[++i] as LineFilter);
      const pred = combineLinePredicates(run.map((f) => withStageError(f, () => compileLineFilter(f))));
      const stage: Stage = { process: (_ts, line) => (pred(line) ? line : null) };
      factories.push(() => stage);
      continue;
    }
    const index = i;
    factories.push(withStageError(s, () => compileStage(s, index, hints)));
  }
  return factories;
}

/**
 * Loki's NewStageError: a stage that fails to build is a parse error naming
 * the stage as printed (`parse error : stage 'line_format "{{.a"' : invalid line template: …`).
 */
function withStageError<T>(stage: PipelineStage, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof WatchpostError && e.code === 'ERR_LOGQL_PARSE' && !e.message.startsWith('parse error')) {
      throw createParseError(`stage '${printStage(stage)}' : ${e.message}`);
    }
    throw e;
  }
}

function compileStage(s: Exclude<PipelineStage, LineFilter>, index: number, hints: ParserHints | undefined): StageFactory {
  switch (s.kind) {
    case 'JsonParser':
      return s.extractions.length === 0 ? () => createJsonStage(index, hints) : createJsonExpressionStage(s.extractions, index);
    case 'LogfmtParser':
      return s.extractions.length === 0
        ? createLogfmtStageFactory(s.strict, s.keepEmpty, index, hints)
        : createLogfmtExpressionStageFactory(s.extractions, s.strict, index);
    case 'RegexpParser':
      return createRegexpStageFactory(s.regexp, index);
    case 'PatternParser':
      return createPatternStageFactory(s.pattern, index);
    case 'UnpackParser':
      return () => createUnpackStage(index);
    case 'LabelFilterStage': {
      const stage = createLabelFilterStage(s.filter);
      return () => stage;
    }
    case 'LineFormat':
      return createLineFormatStageFactory(s.template);
    case 'LabelFormat':
      return createLabelFormatStageFactory(s.ops);
    case 'DropLabels': {
      const stage = createDropStage(s.labels);
      return () => stage;
    }
    case 'KeepLabels': {
      const stage = createKeepStage(s.labels);
      return () => stage;
    }
    case 'Decolorize': {
      const stage = createDecolorizeStage();
      return () => stage;
    }
    default:
      throw new Error(`unknown pipeline stage ${(s as { kind: string }).kind}`);
  }
}

/** A label filter as a stage (false drops the line). */
export function createLabelFilterStage(filter: LabelFilter): Stage {
  const pred = compileLabelFilter(filter);
  return { process: (_ts, line, lbs) => (pred(lbs) ? line : null) };
}

/**
 * Runs stages over one line with a reset builder; null when a stage drops it.
 * Shared by log pipelines and sample extractors.
 */
export function runStages(stages: readonly Stage[], lbs: LabelsBuilder, tsNs: bigint, line: string, metadata: Labels | undefined): string | null {
  lbs.reset(metadata);
  let current: string | null = line;
  for (let i = 0; i < stages.length && current !== null; i++) current = (stages[i] as Stage).process(tsNs, current, lbs);
  return current;
}

/**
 * Compiles a log query's pipeline once; `forStream` specialises it once per
 * stream (cached by the stream's label key) with its own stage state.
 */
export function compileLogPipeline(expr: LogSelectorExpr): LogPipeline {
  const factories = compileStageFactories(expr.stages);
  const cache = new Map<string, StreamPipeline>();
  return {
    forStream(labels: Labels): StreamPipeline {
      const key = formatLabels(labels);
      let sp = cache.get(key);
      if (sp === undefined) {
        sp = createStreamPipeline(factories.map((f) => f()), new LabelsBuilder(labels, key));
        cache.set(key, sp);
      }
      return sp;
    },
  };
}

/** A processed line whose label object is only built when read. */
type LabelsResult = { readonly labels: Labels; readonly key: string; readonly categories: LabelCategories };

class LazyProcessedLine implements ProcessedLine {
  readonly line: string;
  readonly #labels: LabelsResult;

  constructor(line: string, labels: LabelsResult) {
    this.line = line;
    this.#labels = labels;
  }

  get categories(): LabelCategories {
    return this.#labels.categories;
  }

  get labels(): Labels {
    return this.#labels.labels;
  }

  get key(): string {
    return this.#labels.key;
  }
}

function createStreamPipeline(stages: readonly Stage[], lbs: LabelsBuilder): StreamPipeline {
  if (stages.length === 0) {
    return {
      process(_tsNs, line, metadata): ProcessedLine {
        lbs.reset(metadata);
        return new LazyProcessedLine(line, lbs.labelsWithKey());
      },
    };
  }
  return {
    process(tsNs, line, metadata): ProcessedLine | undefined {
      const out = runStages(stages, lbs, tsNs, line, metadata);
      if (out === null) return undefined;
      return new LazyProcessedLine(out, lbs.labelsWithKey());
    },
  };
}
