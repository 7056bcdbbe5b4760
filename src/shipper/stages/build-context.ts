/**
 * What a stage factory receives: the runtime's StageContext plus what
 * composite stages need (nested pipelines for match, the shared drop
 * counters, close hooks for metrics).
 */
import { Counter, type Registry } from 'prom-client';
import type { Pipeline } from './pipeline.js';
import type { Stage, StageContext } from './types.js';

export interface StageBuildContext extends StageContext {
  /** Builds a nested pipeline (match's `stages`); errors name `stage`. */
  buildNested(configs: unknown, stage: string): Pipeline & Stage;
  /** Runs at Pipeline.close() (metrics stages unregister their series). */
  addCloseHook(hook: () => void): void;
}

/** A stage factory: validates `config` (throwing ERR_CONFIG_INVALID) and returns the stage. */
export type StageFactory = (config: unknown, ctx: StageBuildContext) => Stage;

function getOrCreateCounter<T extends string>(registry: Registry, name: string, help: string, labelNames: readonly T[]): Counter<T> {
  const existing = registry.getSingleMetric(name);
  if (existing !== undefined) return existing as Counter<T>;
  return new Counter<T>({ name, help, labelNames, registers: [registry] });
}

/** promtail's `logentry_dropped_lines_total{reason}`, shared by every stage that drops. */
export function getDropCounter(registry: Registry): Counter<'reason'> {
  return getOrCreateCounter(registry, 'logentry_dropped_lines_total', 'A count of all log lines dropped as a result of a pipeline stage', ['reason']);
}

/** promtail's `logentry_dropped_lines_by_label_total{label_name,label_value}` (limit by label). */
export function getDropByLabelCounter(registry: Registry): Counter<'label_name' | 'label_value'> {
  return getOrCreateCounter(registry, 'logentry_dropped_lines_by_label_total', 'A count of all log lines dropped as a result of a pipeline stage', [
    'label_name',
    'label_value',
  ]);
}
