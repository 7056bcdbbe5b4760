/** promtail's `output` stage: the line becomes the extracted `source` value when present and string-convertible. */
import { StageConfig } from './stage-config.js';
import { toGoString } from './go-values.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

export function createOutputStageFrom(source: string): Stage {
  return {
    process(entry, out) {
      if (Object.hasOwn(entry.extracted, source)) {
        const value = toGoString(entry.extracted[source]);
        if (value !== undefined) entry.line = value;
      }
      out.push(entry);
    },
  };
}

export function createOutputStage(config: unknown, _ctx: StageBuildContext): Stage {
  if (config === null || config === undefined) throw new StageConfig('output', {}).fail('output stage config cannot be empty');
  const cfg = new StageConfig('output', config);
  const source = cfg.string('source') ?? '';
  cfg.finish();
  if (source === '') throw cfg.fail('output source value is required if output is specified', 'source');
  return createOutputStageFrom(source);
}
