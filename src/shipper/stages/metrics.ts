/**
 * promtail's `metrics` stage: counters, gauges and histograms named
 * `<prefix><name>` (prefix `promtail_custom_`), one series per entry label
 * set, fed from extracted values. Entries pass through unchanged.
 */
import { parseGoDuration } from '../../core/go/index.js';
import { isPlainMap, StageConfig, stageConfigError } from './stage-config.js';
import { toGoFloat, toGoString } from './go-values.js';
import { CustomMetricVec, registerCustomMetric, type CustomMetricType } from './custom-metrics.js';
import type { StageBuildContext } from './build-context.js';
import type { PipelineEntry, Stage } from './types.js';

const STAGE = 'metrics';
const DEFAULT_MAX_IDLE_SEC = 300;

interface MetricRule {
  readonly name: string;
  readonly source: string;
  readonly vec: CustomMetricVec;
  readonly action: string;
  readonly value: string | undefined;
  readonly matchAll: boolean;
  readonly countBytes: boolean;
}

function readCounterConfig(cfg: StageConfig): { action: string; value?: string | undefined; matchAll: boolean; countBytes: boolean } {
  const value = cfg.string('value');
  const matchAll = cfg.bool('match_all');
  const countBytes = cfg.bool('count_entry_bytes');
  const actionText = cfg.string('action') ?? '';
  cfg.finish();
  if (actionText === '') throw cfg.fail('counter action must be defined as either `inc` or `add`', 'action');
  const action = actionText.toLowerCase();
  if (action !== 'inc' && action !== 'add') throw cfg.fail(`action ${action} is not valid, action must be either \`inc\` or \`add\``, 'action');
  if (matchAll === true && value !== undefined) throw cfg.fail('`match_all: true` cannot be combined with `value`, please remove `match_all` or `value`', 'match_all');
  if (countBytes === true && matchAll !== true) throw cfg.fail('`count_entry_bytes: true` can only be set with `match_all: true`', 'count_entry_bytes');
  if (countBytes === true && action !== 'add') throw cfg.fail('`count_entry_bytes: true` can only be used with `action: add`', 'count_entry_bytes');
  return { action, value, matchAll: matchAll === true, countBytes: countBytes === true };
}

function readGaugeConfig(cfg: StageConfig): { action: string; value?: string | undefined } {
  const value = cfg.string('value');
  const actionText = cfg.string('action') ?? '';
  cfg.finish();
  if (actionText === '') throw cfg.fail('gauge action must be defined as `set`, `inc`, `dec`, `add`, or `sub`', 'action');
  const action = actionText.toLowerCase();
  if (!['set', 'inc', 'dec', 'add', 'sub'].includes(action)) {
    throw cfg.fail(`action ${action} is not valid, action must be \`set\`, \`inc\`, \`dec\`, \`add\`, or \`sub\``, 'action');
  }
  return { action, value };
}

function readHistogramConfig(cfg: StageConfig): { value?: string | undefined; buckets?: number[] | undefined } {
  const value = cfg.string('value');
  const raw = cfg.raw('buckets');
  cfg.finish();
  if (raw === undefined || raw === null) return { value };
  if (!Array.isArray(raw) || raw.some((b) => typeof b !== 'number' && !(typeof b === 'string' && Number.isFinite(Number(b))))) {
    throw cfg.fail("'buckets' expected a list of numbers", 'buckets');
  }
  const buckets = raw.map(Number);
  for (let i = 1; i < buckets.length; i++) {
    if ((buckets[i] as number) <= (buckets[i - 1] as number)) throw cfg.fail('histogram buckets must be in increasing order', 'buckets');
  }
  return buckets.length === 0 ? { value } : { value, buckets };
}

function readRule(name: string, raw: unknown, ctx: StageBuildContext): MetricRule {
  const cfg = new StageConfig(STAGE, raw);
  const typeText = (cfg.string('type') ?? '').toLowerCase();
  const description = cfg.string('description') ?? '';
  const source = cfg.string('source') ?? name;
  const prefix = cfg.string('prefix') || 'promtail_custom_';
  const idle = cfg.string('max_idle_duration');
  const options = cfg.raw('config');
  cfg.finish();
  if (typeText !== 'counter' && typeText !== 'gauge' && typeText !== 'histogram') {
    throw cfg.fail(`invalid metric type '${typeText}', metric type must be one of 'counter', 'gauge', or 'histogram'`, `${name}.type`);
  }
  const type: CustomMetricType = typeText;
  let maxIdleSec = DEFAULT_MAX_IDLE_SEC;
  if (idle !== undefined) {
    const parsed = parseGoDuration(idle);
    if (!parsed.ok) throw cfg.fail(`max_idle_duration could not be parsed as a time.Duration: '${parsed.error}'`, `${name}.max_idle_duration`);
    if (parsed.value < 1e9) throw cfg.fail('max_idle_duration less than 1s not allowed', `${name}.max_idle_duration`);
    maxIdleSec = Math.trunc(parsed.value / 1e9);
  }
  const sub = new StageConfig(STAGE, options);
  let action = '';
  let value: string | undefined;
  let matchAll = false;
  let countBytes = false;
  let buckets: number[] | undefined;
  if (type === 'counter') ({ action, value, matchAll, countBytes } = readCounterConfig(sub));
  else if (type === 'gauge') ({ action, value } = readGaugeConfig(sub));
  else ({ value, buckets } = readHistogramConfig(sub));
  const vec = new CustomMetricVec(type, { buckets, maxIdleSec, nowMs: ctx.nowMs });
  const fullName = prefix + name;
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(fullName)) throw cfg.fail(`"${fullName}" is not a valid metric name`, name);
  try {
    ctx.addCloseHook(registerCustomMetric(ctx.registry, fullName, description, vec));
  } catch (err) {
    throw cfg.fail((err as Error).message, name);
  }
  return { name, source, vec, action, value, matchAll, countBytes };
}

function valueMatches(rule: MetricRule, value: unknown): boolean {
  return rule.value === undefined || toGoString(value) === rule.value;
}

function record(rule: MetricRule, entry: PipelineEntry, value: unknown): void {
  if (!valueMatches(rule, value)) return;
  const { vec, action } = rule;
  if (vec.type === 'histogram') {
    const f = toGoFloat(value);
    if (f !== undefined) vec.observe(vec.with(entry.labels), f);
    return;
  }
  if (action === 'inc') {
    vec.with(entry.labels).value++;
    return;
  }
  if (action === 'dec') {
    vec.with(entry.labels).value--;
    return;
  }
  const f = toGoFloat(value);
  if (f === undefined) return;
  // A counter never goes down (Go's client would panic): negative adds are ignored.
  if (vec.type === 'counter' && !(f >= 0)) return;
  const series = vec.with(entry.labels);
  if (action === 'set') series.value = f;
  else if (action === 'sub') series.value -= f;
  else series.value += f;
}

export function createMetricsStage(config: unknown, ctx: StageBuildContext): Stage {
  if (config === null || config === undefined) throw stageConfigError(STAGE, 'empty metric stage configuration');
  if (!isPlainMap(config)) throw stageConfigError(STAGE, 'expected a map of metric names to metric configs');
  const rules = Object.entries(config).map(([name, raw]) => readRule(name, raw, ctx));
  return {
    process(entry, out) {
      const extracted = entry.extracted;
      for (const rule of rules) {
        if (rule.matchAll) {
          record(rule, entry, rule.countBytes ? Buffer.byteLength(entry.line) : undefined);
          continue;
        }
        if (Object.hasOwn(extracted, rule.source)) record(rule, entry, extracted[rule.source]);
      }
      out.push(entry);
    },
  };
}
