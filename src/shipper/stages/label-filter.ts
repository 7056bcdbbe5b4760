/**
 * promtail's `labeldrop` (delete the listed labels) and `labelallow`
 * (delete every label not listed, `filename` included) stages.
 */
import { StageConfig, stageConfigError } from './stage-config.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

function readNames(stage: string, config: unknown): string[] {
  const names = Array.isArray(config) ? new StageConfig(stage, { names: config }).stringList('names') ?? [] : undefined;
  if (config !== null && config !== undefined && names === undefined) throw stageConfigError(stage, 'expected a list of label names');
  if (names === undefined || names.length === 0) throw stageConfigError(stage, `${stage} stage config cannot be empty`);
  return names;
}

export function createLabelDropStage(config: unknown, _ctx: StageBuildContext): Stage {
  const names = readNames('labeldrop', config);
  return {
    process(entry, out) {
      for (const name of names) delete entry.labels[name];
      out.push(entry);
    },
  };
}

export function createLabelAllowStage(config: unknown, _ctx: StageBuildContext): Stage {
  const allowed = new Set(readNames('labelallow', config));
  return {
    process(entry, out) {
      for (const name of Object.keys(entry.labels)) if (!allowed.has(name)) delete entry.labels[name];
      out.push(entry);
    },
  };
}
