/**
 * promtail's `sampling` stage: keeps each entry with probability `rate`
 * (random, not hash based); the others count in
 * `logentry_dropped_lines_total{reason=<drop_counter_reason>}`.
 */
import { StageConfig } from './stage-config.js';
import { getDropCounter, type StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

/** Go's `%f`: six decimals. */
function formatGoPercentF(value: number): string {
  return value.toFixed(6);
}

export function createSamplingStage(config: unknown, ctx: StageBuildContext, random: () => number = Math.random): Stage {
  const cfg = new StageConfig('sampling', config);
  const reason = cfg.string('drop_counter_reason') || 'sampling_stage';
  const rate = cfg.number('rate') ?? 0;
  cfg.finish();
  if (!(rate >= 0 && rate <= 1)) {
    throw cfg.fail(`sampling stage failed to parse rate,Sampling Rate must be between 0.0 and 1.0, received ${formatGoPercentF(rate)}`, 'rate');
  }
  const counter = getDropCounter(ctx.registry);
  return {
    process(entry, out) {
      // promtail keeps when a uniform draw in (0, 2^63) falls at or under rate·2^63.
      if (rate === 1 || (rate > 0 && random() < rate)) out.push(entry);
      else counter.inc({ reason });
    },
  };
}
