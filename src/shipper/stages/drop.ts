/**
 * promtail's `drop` stage. Every configured condition must hold (AND):
 * `longer_than` (line bytes), `older_than` (entry time before now − d),
 * `source` alone (all listed keys extracted), `expression` on the line, or
 * `source` + `expression`/`value` on the present sources joined by
 * `separator`. Dropped entries count in
 * `logentry_dropped_lines_total{reason=<drop_counter_reason>}`.
 */
import { parseBytes, parseGoDuration } from '../../core/go/index.js';
import { StageConfig } from './stage-config.js';
import { toGoString } from './go-values.js';
import { compileStageRegex } from './stage-regex.js';
import { getDropCounter, type StageBuildContext } from './build-context.js';
import type { PipelineEntry, Stage } from './types.js';

type Condition = (entry: PipelineEntry) => boolean;

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

export function createDropStage(config: unknown, ctx: StageBuildContext): Stage {
  const cfg = new StageConfig('drop', config);
  const reason = cfg.string('drop_counter_reason') || 'drop_stage';
  const sourceRaw = cfg.raw('source');
  const sources = sourceRaw === undefined || sourceRaw === null ? undefined : cfg.stringList('source', true);
  const value = cfg.string('value');
  const separator = cfg.string('separator') ?? ';';
  const expression = cfg.string('expression');
  const olderThan = cfg.string('older_than');
  const longerThan = cfg.string('longer_than');
  cfg.finish();
  if (sources === undefined && expression === undefined && olderThan === undefined && longerThan === undefined) {
    throw cfg.fail('drop stage config must contain at least one of `source`, `expression`, `older_than` or `longer_than`');
  }
  const conditions: Condition[] = [];
  if (longerThan !== undefined) {
    const bytes = parseBytes(longerThan);
    if (!bytes.ok) throw cfg.fail(`drop stage failed to parse longer_than to bytes: ${bytes.error}`, 'longer_than');
    const limit = bytes.value;
    conditions.push((e) => Buffer.byteLength(e.line) > limit);
  }
  if (olderThan !== undefined) {
    const duration = parseGoDuration(olderThan);
    if (!duration.ok) throw cfg.fail(`drop stage invalid duration, ${olderThan} cannot be converted to a duration: ${duration.error}`, 'older_than');
    const maxAgeNs = BigInt(Math.round(duration.value));
    conditions.push((e) => e.tsNs < BigInt(ctx.nowMs()) * 1_000_000n - maxAgeNs);
  }
  if (value !== undefined && sources === undefined) throw cfg.fail('drop stage config must contain `source` if `value` is specified', 'value');
  if (value !== undefined && expression !== undefined) {
    throw cfg.fail('drop stage config error, `value` and `expression` cannot both be defined at the same time.', 'value');
  }
  let regexp: RegExp | undefined;
  if (expression !== undefined) regexp = compileStageRegex(cfg, 'expression', expression, 'drop stage regex compilation error').regexp;
  if (value !== undefined) regexp = new RegExp(`^${escapeRegex(value)}$`, 'u');
  if (sources !== undefined && regexp === undefined) {
    conditions.push((e) => sources.every((s) => Object.hasOwn(e.extracted, s)));
  } else if (sources === undefined && regexp !== undefined) {
    const re = regexp;
    conditions.push((e) => re.test(e.line));
  } else if (sources !== undefined && regexp !== undefined) {
    const re = regexp;
    conditions.push((e) => {
      const parts: string[] = [];
      for (const s of sources) {
        if (!Object.hasOwn(e.extracted, s)) continue;
        const text = toGoString(e.extracted[s]);
        if (text === undefined) return false;
        parts.push(text);
      }
      return re.test(parts.join(separator));
    });
  }
  const counter = getDropCounter(ctx.registry);
  return {
    process(entry, out) {
      for (const condition of conditions) {
        if (!condition(entry)) {
          out.push(entry);
          return;
        }
      }
      counter.inc({ reason });
    },
  };
}
