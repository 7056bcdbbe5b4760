/**
 * promtail's `labels` stage: `label_name: extracted_key` (empty → same name)
 * sets labels from extracted values that are present, string-convertible
 * and valid UTF-8; others are skipped.
 */
import { isPlainMap, readStringMap, StageConfig, stageConfigError } from './stage-config.js';
import { isLegacyLabelName, isValidLabelValue, toGoString } from './go-values.js';
import type { StageBuildContext } from './build-context.js';
import type { PipelineEntry, Stage } from './types.js';

/** Reads a `label: source` map as labels and structured_metadata take it; sources default to the name. */
export function readLabelSourceMap(stage: string, config: unknown, emptyMessage: string): Map<string, string> {
  if (config === null || config === undefined) throw stageConfigError(stage, emptyMessage);
  if (!isPlainMap(config)) throw stageConfigError(stage, `expected a map of label names to extracted keys, got ${Array.isArray(config) ? 'a list' : typeof config}`);
  const raw = readStringMap(new StageConfig(stage, {}), config);
  const out = new Map<string, string>();
  for (const [name, source] of raw) {
    if (!isLegacyLabelName(name)) throw stageConfigError(stage, `invalid label name: ${name}`, name);
    out.set(name, source === undefined || source === '' ? name : source);
  }
  return out;
}

/** Calls `set(name, value, source)` for every configured label whose extracted value qualifies. */
export function forEachLabelValue(entry: PipelineEntry, mapping: ReadonlyMap<string, string>, set: (name: string, value: string, source: string) => void): void {
  const extracted = entry.extracted;
  for (const [name, source] of mapping) {
    if (!Object.hasOwn(extracted, source)) continue;
    const value = toGoString(extracted[source]);
    if (value === undefined || !isValidLabelValue(value)) continue;
    set(name, value, source);
  }
}

export function createLabelsStageFrom(mapping: ReadonlyMap<string, string>): Stage {
  const pairs = [...mapping];
  return {
    process(entry, out) {
      const { labels, extracted } = entry;
      for (const [name, source] of pairs) {
        if (!Object.hasOwn(extracted, source)) continue;
        const value = toGoString(extracted[source]);
        if (value !== undefined && isValidLabelValue(value)) labels[name] = value;
      }
      out.push(entry);
    },
  };
}

export function createLabelsStage(config: unknown, _ctx: StageBuildContext): Stage {
  return createLabelsStageFrom(readLabelSourceMap('labels', config, 'label stage config cannot be empty'));
}
