/**
 * promtail's `regex` stage: the first match of a Go regexp on the line (or
 * an extracted `source`); every named group sets `extracted[name]` (an
 * unmatched optional group sets `""`). No match changes nothing.
 */
import { StageConfig } from './stage-config.js';
import { readSourceOption, readStageInput } from './source-input.js';
import { compileStageRegex } from './stage-regex.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

export interface RegexStageConfig {
  readonly expression: string;
  readonly source?: string | undefined;
}

export function createRegexStageFrom(config: RegexStageConfig): Stage {
  const cfg = new StageConfig('regex', {});
  if (config.expression === '') throw cfg.fail('expression is required', 'expression');
  const { regexp, groupNames } = compileStageRegex(cfg, 'expression', config.expression);
  const named: Array<readonly [number, string]> = [];
  groupNames.forEach((name, index) => {
    if (index > 0 && name !== undefined && name !== '') named.push([index, name]);
  });
  const { source } = config;
  return {
    process(entry, out) {
      const input = readStageInput(entry, source);
      const match = input === undefined ? null : regexp.exec(input);
      if (match !== null) {
        for (const [index, name] of named) entry.extracted[name] = match[index] ?? '';
      }
      out.push(entry);
    },
  };
}

export function createRegexStage(config: unknown, _ctx: StageBuildContext): Stage {
  if (config === null || config === undefined) throw new StageConfig('regex', {}).fail('empty regex stage configuration');
  const cfg = new StageConfig('regex', config);
  const expression = cfg.string('expression') ?? '';
  const source = readSourceOption(cfg);
  cfg.finish();
  if (expression === '') throw cfg.fail('expression is required', 'expression');
  return createRegexStageFrom({ expression, source });
}
