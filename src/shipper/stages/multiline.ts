/**
 * promtail's `multiline` stage: per label set, a line matching `firstline`
 * starts a block and the following lines join it with `\n`. A block is
 * released when the next first line comes, at `max_lines`, after
 * `max_wait_time` without a new line (checked by flush), or at shutdown. The
 * merged entry has the first line's labels, time and extracted values, and
 * the newest merged line's source seq; streams that have not seen a first
 * line yet pass through.
 */
import { parseGoDuration } from '../../core/go/index.js';
import { StageConfig } from './stage-config.js';
import { compileStageRegex } from './stage-regex.js';
import { labelsKey } from './labels-key.js';
import type { StageBuildContext } from './build-context.js';
import type { HoldingStage } from './pipeline.js';
import type { PipelineEntry } from './types.js';

interface Block {
  start: PipelineEntry | undefined;
  lines: string[];
  lastMs: number;
  minSeq: number;
  maxSeq: number;
}

export function createMultilineStage(config: unknown, ctx: StageBuildContext): HoldingStage {
  const cfg = new StageConfig('multiline', config);
  const firstline = cfg.string('firstline');
  const maxLines = cfg.number('max_lines') ?? 128;
  const maxWait = cfg.string('max_wait_time');
  cfg.finish();
  if (firstline === undefined) throw cfg.fail('multiline stage config must define `firstline` regular expression', 'firstline');
  const { regexp } = compileStageRegex(cfg, 'firstline', firstline, 'multiline stage first line regex compilation error');
  let maxWaitMs = 3000;
  if (maxWait !== undefined) {
    const parsed = parseGoDuration(maxWait);
    if (!parsed.ok) throw cfg.fail(`multiline stage \`max_wait_time\` parse error: ${parsed.error}`, 'max_wait_time');
    maxWaitMs = parsed.value / 1e6;
  }
  const blocks = new Map<string, Block>();

  const release = (block: Block, out: PipelineEntry[]): void => {
    const start = block.start;
    if (block.lines.length === 0 || start === undefined) return;
    out.push({
      // Object.assign, not a spread: later stages add labels and extracted keys (see sources/copy-labels.ts).
      labels: Object.assign({}, start.labels),
      extracted: Object.assign({}, start.extracted),
      tsNs: start.tsNs,
      line: block.lines.join('\n'),
      tenant: start.tenant,
      metadata: start.metadata,
      source: { ...start.source, seq: block.maxSeq },
    });
    block.lines = [];
  };

  return {
    process(entry, out) {
      const key = labelsKey(entry.labels);
      let block = blocks.get(key);
      const isFirst = regexp.test(entry.line);
      if (block === undefined) {
        if (!isFirst) {
          out.push(entry);
          return;
        }
        block = { start: undefined, lines: [], lastMs: 0, minSeq: 0, maxSeq: 0 };
        blocks.set(key, block);
      }
      if (isFirst) {
        release(block, out);
        block.start = entry;
      }
      if (block.lines.length === 0) block.minSeq = entry.source.seq;
      block.lines.push(entry.line);
      block.maxSeq = Math.max(block.maxSeq, entry.source.seq);
      block.lastMs = ctx.nowMs();
      if (block.lines.length === maxLines) release(block, out);
    },
    flush(nowMs, out, force) {
      for (const block of blocks.values()) {
        if (block.lines.length > 0 && (force || nowMs - block.lastMs >= maxWaitMs)) release(block, out);
      }
    },
    heldMinSeq() {
      let min: number | undefined;
      for (const block of blocks.values()) if (block.lines.length > 0 && (min === undefined || block.minSeq < min)) min = block.minSeq;
      return min;
    },
    heldCount() {
      let count = 0;
      for (const block of blocks.values()) count += block.lines.length;
      return count;
    },
  };
}
