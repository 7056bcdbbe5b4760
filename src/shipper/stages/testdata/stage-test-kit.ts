/** Helpers for the stage tests: a context with a fresh registry and a fake clock, entries, metric reads. */
import { readFileSync } from 'node:fs';
import { Registry } from 'prom-client';
import { parse } from 'yaml';
import { createLogger } from '../../../core/index.js';
import { buildPipeline } from '../build-pipeline.js';
import type { Pipeline } from '../pipeline.js';
import type { PipelineEntry, StageContext } from '../types.js';

export interface TestContext extends StageContext {
  /** The fake clock; tests move it. */
  now: number;
}

export function createTestContext(nowMs = Date.UTC(2026, 11, 3, 18, 0, 0)): TestContext {
  const ctx = {
    registry: new Registry(),
    jobName: 'test',
    logger: createLogger({ write: () => {} }),
    now: nowMs,
    nowMs: () => ctx.now,
  };
  return ctx;
}

/**
 * The seed's `pipeline_stages` (issue #5), read from the seed promtail config
 * that the config and e2e tests use too, as plain YAML data.
 */
export function readSeedPipelineStages(): unknown[] {
  const text = readFileSync(new URL('../../config/testdata/seed-promtail.yaml', import.meta.url), 'utf8');
  const config = parse(text) as { scrape_configs: { pipeline_stages: unknown[] }[] };
  return config.scrape_configs[0]!.pipeline_stages;
}

/** The osquery result lines of testdata/osquery-results.jsonl. */
export function readOsqueryResultLines(): string[] {
  return readFileSync(new URL('osquery-results.jsonl', import.meta.url), 'utf8').trimEnd().split('\n');
}

let nextSeq = 1;

export function makeEntry(line: string, labels: Record<string, string> = {}, tsNs = 1_000_000_000n): PipelineEntry {
  return { line, labels: { ...labels }, extracted: {}, tsNs, source: { seq: nextSeq++ } };
}

/** Runs lines through a pipeline built from `configs`; returns the output entries. */
export function runLines(configs: unknown[], lines: readonly string[], options: { ctx?: TestContext; labels?: Record<string, string>; pipeline?: Pipeline } = {}): PipelineEntry[] {
  const ctx = options.ctx ?? createTestContext();
  const pipeline = options.pipeline ?? buildPipeline(configs, ctx);
  const out: PipelineEntry[] = [];
  for (const line of lines) pipeline.process(makeEntry(line, options.labels), out);
  return out;
}

/** Values of one metric on the registry, as `{labels} value` strings sorted, for table comparisons. */
export async function readMetric(registry: Registry, name: string): Promise<string[]> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) return [];
  const data = await metric.get();
  return data.values
    .map((v) => {
      const labels = Object.entries(v.labels)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, val]) => `${k}="${String(val)}"`)
        .join(',');
      return `${(v as { metricName?: string }).metricName ?? name}{${labels}} ${v.value}`;
    })
    .sort();
}

/** One table case: YAML stages, input lines (with labels), expected outputs. */
export interface StageCase {
  readonly name: string;
  /** `pipeline_stages` as YAML. */
  readonly stages: string;
  readonly lines: readonly string[];
  readonly labels?: Record<string, string>;
  readonly tsNs?: bigint;
  /** Expected output entries; `extracted` lists only the keys to check. */
  readonly want: ReadonlyArray<{
    readonly line?: string;
    readonly labels?: Record<string, string>;
    readonly extracted?: Record<string, unknown>;
    readonly tsNs?: bigint;
    readonly tenant?: string;
    readonly metadata?: Record<string, string>;
  }>;
  /** Expected metric values (readMetric form) by metric name. */
  readonly metrics?: Readonly<Record<string, readonly string[]>>;
}

/** Runs a StageCase and returns what to compare: [actual, expected] projections. */
export async function runStageCase(c: StageCase, ctx: TestContext = createTestContext()): Promise<{ actual: unknown; expected: unknown }> {
  const { parse } = await import('yaml');
  const pipeline = buildPipeline(parse(c.stages) as unknown[], ctx);
  const out: PipelineEntry[] = [];
  for (const line of c.lines) pipeline.process(makeEntry(line, c.labels, c.tsNs), out);
  const actual = out.map((entry, i) => {
    const want = c.want[i] ?? {};
    const picked: Record<string, unknown> = {};
    if (want.line !== undefined) picked.line = entry.line;
    if (want.labels !== undefined) picked.labels = entry.labels;
    if (want.tsNs !== undefined) picked.tsNs = entry.tsNs;
    if (want.tenant !== undefined) picked.tenant = entry.tenant;
    if (want.metadata !== undefined) picked.metadata = entry.metadata;
    if (want.extracted !== undefined) {
      const sub: Record<string, unknown> = {};
      for (const key of Object.keys(want.extracted)) sub[key] = Object.hasOwn(entry.extracted, key) ? entry.extracted[key] : '<absent>';
      picked.extracted = sub;
    }
    return picked;
  });
  const metrics: Record<string, string[]> = {};
  for (const name of Object.keys(c.metrics ?? {})) metrics[name] = await readMetric(ctx.registry, name);
  return { actual: { entries: actual, metrics }, expected: { entries: c.want, metrics: c.metrics ?? {} } };
}
