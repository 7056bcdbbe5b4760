/** promtail's `static_labels` stage: fixed `name: value` labels; empty or null values are ignored. */
import { isPlainMap, readStringMap, StageConfig, stageConfigError } from './stage-config.js';
import { isValidLabelValue } from './go-values.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

export function createStaticLabelsStage(config: unknown, _ctx: StageBuildContext): Stage {
  if (config === null || config === undefined) throw stageConfigError('static_labels', 'static_labels stage config cannot be empty');
  if (!isPlainMap(config)) throw stageConfigError('static_labels', 'expected a map of label names to values');
  const values: Array<readonly [string, string]> = [];
  for (const [name, value] of readStringMap(new StageConfig('static_labels', {}), config)) {
    // promtail checks names with the UTF-8 rule: any non-empty valid UTF-8 name.
    if (name === '' || !isValidLabelValue(name)) throw stageConfigError('static_labels', `invalid label name: ${name}`, name);
    if (value !== undefined && value !== '' && isValidLabelValue(value)) values.push([name, value]);
  }
  return {
    process(entry, out) {
      for (const [name, value] of values) entry.labels[name] = value;
      out.push(entry);
    },
  };
}
