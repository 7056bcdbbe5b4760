/** Helpers for the stage tests: a context with a fresh registry and a fake clock, entries, metric reads. */
import { Registry } from 'prom-client';
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
