/**
 * promtail's `docker` and `cri` stages: fixed pipelines for container
 * runtime log formats. docker = json{output: log, stream, timestamp: time}
 * → labels{stream} → timestamp{RFC3339Nano} → output{output}. cri = regex →
 * labels{stream} → timestamp{time, RFC3339Nano} → output{content}, then
 * partial lines (flag `P`) are held per label set and joined to the next full
 * (`F`) line of the same labels.
 */
import { parseBytes } from '../../core/go/index.js';
import { StageConfig } from './stage-config.js';
import { createJsonStageFrom } from './json.js';
import { createLabelsStageFrom } from './labels.js';
import { createTimestampStageFrom } from './timestamp.js';
import { createOutputStageFrom } from './output.js';
import { createRegexStageFrom } from './regex.js';
import { createPipeline, type HoldingStage } from './pipeline.js';
import { labelsKey } from './labels-key.js';
import type { StageBuildContext } from './build-context.js';
import type { PipelineEntry, Stage } from './types.js';

export function createDockerStage(_config: unknown, ctx: StageBuildContext): Stage {
  return createPipeline(
    [
      createJsonStageFrom({ expressions: new Map([['output', 'log'], ['stream', 'stream'], ['timestamp', 'time']]) }),
      createLabelsStageFrom(new Map([['stream', 'stream']])),
      createTimestampStageFrom({ source: 'timestamp', format: 'RFC3339Nano' }, ctx.nowMs),
      createOutputStageFrom('output'),
    ],
    { initExtracted: true },
  );
}

const CRI_EXPRESSION = '^(?s)(?P<time>\\S+?) (?P<stream>stdout|stderr) (?P<flags>\\S+?) (?P<content>.*)$';

interface Partial {
  entry: PipelineEntry;
  minSeq: number;
}

export function createCriStage(config: unknown, ctx: StageBuildContext): HoldingStage {
  const cfg = new StageConfig('cri', config);
  const maxPartialLines = Math.trunc(cfg.number('max_partial_lines') ?? 0) || 100;
  const sizeText = cfg.string('max_partial_line_size');
  const truncate = cfg.bool('max_partial_line_size_truncate') ?? false;
  cfg.finish();
  let maxSize = 0;
  if (sizeText !== undefined) {
    const parsed = parseBytes(sizeText);
    if (!parsed.ok) throw cfg.fail(parsed.error, 'max_partial_line_size');
    maxSize = parsed.value;
  }
  const base = createPipeline(
    [
      createRegexStageFrom({ expression: CRI_EXPRESSION }),
      createLabelsStageFrom(new Map([['stream', 'stream']])),
      createTimestampStageFrom({ source: 'time', format: 'RFC3339Nano' }, ctx.nowMs),
      createOutputStageFrom('content'),
      createOutputStageFrom('tags'),
    ],
    { initExtracted: true },
  );
  const truncateIfRequired = (entry: PipelineEntry): void => {
    if (truncate && Buffer.byteLength(entry.line) > maxSize) entry.line = Buffer.from(entry.line).subarray(0, maxSize).toString();
  };
  let partials = new Map<string, Partial>();
  const parsed: PipelineEntry[] = [];

  const handle = (entry: PipelineEntry, out: PipelineEntry[]): void => {
    const key = labelsKey(entry.labels);
    const previous = partials.get(key);
    if (entry.extracted.flags === 'P') {
      if (partials.size >= maxPartialLines) {
        ctx.logger.warn('cri stage: partial lines upperbound exceeded. merging it to single line', { threshold: maxPartialLines });
        for (const held of partials.values()) out.push(held.entry);
        partials = new Map();
        truncateIfRequired(entry);
        partials.set(key, { entry, minSeq: entry.source.seq });
        return;
      }
      if (previous !== undefined) entry.line = previous.entry.line + entry.line;
      truncateIfRequired(entry);
      partials.set(key, { entry, minSeq: previous?.minSeq ?? entry.source.seq });
      return;
    }
    if (previous !== undefined) {
      entry.line = previous.entry.line + entry.line;
      truncateIfRequired(entry);
      partials.delete(key);
    }
    out.push(entry);
  };

  return {
    process(entry, out) {
      base.process(entry, parsed);
      for (const e of parsed) handle(e, out);
      parsed.length = 0;
    },
    flush(_nowMs, out, force) {
      // promtail holds partials until their full line; at shutdown they are released rather than lost.
      if (!force) return;
      for (const held of partials.values()) out.push(held.entry);
      partials = new Map();
    },
    heldMinSeq() {
      let min: number | undefined;
      for (const held of partials.values()) if (min === undefined || held.minSeq < min) min = held.minSeq;
      return min;
    },
    heldCount: () => partials.size,
  };
}
