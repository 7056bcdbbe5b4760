/**
 * promtail's `limit` stage: a token bucket of `rate` lines/s and `burst`.
 * With `drop: true` entries over the limit are dropped and counted
 * (`logentry_dropped_lines_total{reason="ratelimit_drop_stage"}`), per value
 * of `by_label_name` if set. With `drop: false` promtail blocks until a token
 * is free; here the stage holds the entries (in order) and releases them from
 * `flush` as tokens come, reporting them through heldCount/heldMinSeq so the
 * runtime pauses reading (back-pressure) and positions never pass them.
 */
import { StageConfig } from './stage-config.js';
import { getDropByLabelCounter, getDropCounter, type StageBuildContext } from './build-context.js';
import type { HoldingStage } from './pipeline.js';
import type { PipelineEntry } from './types.js';

const DROP_REASON = 'ratelimit_drop_stage';
const MIN_MAX_DISTINCT_LABELS = 10000;

/** golang.org/x/time/rate's Limiter for one bucket (starts full). */
export class TokenBucket {
  readonly #ratePerMs: number;
  readonly #burst: number;
  #tokens: number;
  #lastMs: number;

  constructor(ratePerSec: number, burst: number, nowMs: number) {
    this.#ratePerMs = ratePerSec / 1000;
    this.#burst = burst;
    this.#tokens = burst;
    this.#lastMs = nowMs;
  }

  /** Takes a token if one is available at `nowMs`. */
  allow(nowMs: number): boolean {
    if (nowMs > this.#lastMs) {
      this.#tokens = Math.min(this.#burst, this.#tokens + (nowMs - this.#lastMs) * this.#ratePerMs);
      this.#lastMs = nowMs;
    }
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return true;
    }
    return false;
  }
}

export function createLimitStage(config: unknown, ctx: StageBuildContext): HoldingStage {
  const cfg = new StageConfig('limit', config);
  const rate = cfg.number('rate') ?? 0;
  const burst = Math.trunc(cfg.number('burst') ?? 0);
  const drop = cfg.bool('drop') ?? false;
  const byLabelName = cfg.string('by_label_name') ?? '';
  let maxDistinct = Math.trunc(cfg.number('max_distinct_labels') ?? 0);
  cfg.finish();
  if (!(rate > 0) || !(burst > 0)) throw cfg.fail('limit stage failed to parse rate or burst');
  if (byLabelName !== '' && !drop) throw cfg.fail('When ratelimiting by label, drop must be true', 'drop');
  const dropCounter = getDropCounter(ctx.registry);
  if (byLabelName !== '') {
    if (maxDistinct < MIN_MAX_DISTINCT_LABELS) {
      ctx.logger.warn(`max_distinct_labels was adjusted up to the minimal reasonable value of ${MIN_MAX_DISTINCT_LABELS}`, { component: 'stage', type: 'limit' });
      maxDistinct = MIN_MAX_DISTINCT_LABELS;
    }
    return createByLabelLimit(ctx, rate, burst, byLabelName, maxDistinct);
  }
  const bucket = new TokenBucket(rate, burst, ctx.nowMs());
  if (drop) {
    return {
      process(entry, out) {
        if (bucket.allow(ctx.nowMs())) out.push(entry);
        else dropCounter.inc({ reason: DROP_REASON });
      },
    };
  }
  const queue: PipelineEntry[] = [];
  return {
    process(entry, out) {
      if (queue.length === 0 && bucket.allow(ctx.nowMs())) out.push(entry);
      else queue.push(entry);
    },
    flush(nowMs, out, force) {
      let released = 0;
      while (released < queue.length && (force || bucket.allow(nowMs))) released++;
      for (const entry of queue.splice(0, released)) out.push(entry);
    },
    heldMinSeq() {
      let min: number | undefined;
      for (const entry of queue) if (min === undefined || entry.source.seq < min) min = entry.source.seq;
      return min;
    },
    heldCount: () => queue.length,
  };
}

/** One bucket per label value, in promtail's generational map of `maxDistinct` values. */
function createByLabelLimit(ctx: StageBuildContext, rate: number, burst: number, labelName: string, maxDistinct: number): HoldingStage {
  const dropCounter = getDropCounter(ctx.registry);
  const byLabelCounter = getDropByLabelCounter(ctx.registry);
  let current = new Map<string, TokenBucket>();
  let previous = new Map<string, TokenBucket>();
  const bucketFor = (value: string, nowMs: number): TokenBucket => {
    let bucket = current.get(value);
    if (bucket !== undefined) return bucket;
    bucket = previous.get(value) ?? new TokenBucket(rate, burst, nowMs);
    if (current.size >= maxDistinct) {
      previous = current;
      current = new Map();
      byLabelCounter.reset();
    }
    current.set(value, bucket);
    return bucket;
  };
  return {
    process(entry, out) {
      const value = entry.labels[labelName];
      const nowMs = ctx.nowMs();
      if (value === undefined || bucketFor(value, nowMs).allow(nowMs)) {
        out.push(entry);
        return;
      }
      dropCounter.inc({ reason: DROP_REASON });
      byLabelCounter.inc({ label_name: labelName, label_value: value });
    },
  };
}
