/**
 * promtail's `replace` stage: every capture group of every match of a Go
 * regexp on the line (or extracted `source`) is replaced by the rendered
 * `replace` template (`.Value` = the captured text, extracted values by
 * key); the result becomes the line (or the `source` value). Named groups
 * also set `extracted[name]` to their rendered value.
 */
import type { GoMap, GoTemplate } from '../../core/gotemplate/index.js';
import { StageConfig } from './stage-config.js';
import { readSourceOption, readStageInput } from './source-input.js';
import { compileStageRegex } from './stage-regex.js';
import { findAllSubmatchIndex, toSearchable } from './go-regex-all.js';
import { buildTemplateData, parseStageTemplate } from './template.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

/** promtail's getReplacedEntry, including its handling of nested groups. */
function replaceGroups(matches: readonly number[][], input: string, data: Record<string, string>, template: GoTemplate): { result: string; captured: Map<string, string> } {
  let result = '';
  let previousEnd = 0;
  const captured = new Map<string, string>();
  for (const match of matches) {
    for (let i = 2; i < match.length; i += 2) {
      const start = match[i] as number;
      const end = match[i + 1] as number;
      if (start === -1) continue;
      const text = input.slice(start, end);
      data.Value = text;
      const rendered = template.execute(data as GoMap);
      if (previousEnd === 0 || previousEnd <= start) {
        result += input.slice(previousEnd, start) + rendered;
        previousEnd = end;
      }
      captured.set(text, rendered);
    }
  }
  return { result: result + input.slice(previousEnd), captured };
}

export function createReplaceStage(config: unknown, _ctx: StageBuildContext): Stage {
  if (config === null || config === undefined) throw new StageConfig('replace', {}).fail('empty replace stage configuration');
  const cfg = new StageConfig('replace', config);
  const expression = cfg.string('expression') ?? '';
  const source = readSourceOption(cfg, 'empty source in replace stage');
  const replace = cfg.string('replace') ?? '';
  cfg.finish();
  if (expression === '') throw cfg.fail('expression is required', 'expression');
  const re = compileStageRegex(cfg, 'expression', expression);
  const searchable = toSearchable(re);
  const template = parseStageTemplate(cfg, 'replace', replace);
  const named: Array<readonly [number, string]> = [];
  re.groupNames.forEach((name, index) => {
    if (index > 0 && name !== undefined && name !== '') named.push([index, name]);
  });
  return {
    process(entry, out) {
      const input = readStageInput(entry, source);
      const matches = input === undefined ? [] : findAllSubmatchIndex(searchable, input);
      if (input === undefined || matches.length === 0) {
        out.push(entry);
        return;
      }
      let replaced: { result: string; captured: Map<string, string> };
      try {
        replaced = replaceGroups(matches, input, buildTemplateData(entry.extracted), template);
      } catch {
        out.push(entry);
        return;
      }
      if (source !== undefined) entry.extracted[source] = replaced.result;
      else entry.line = replaced.result;
      // Named groups of the first match take their rendered value.
      const first = matches[0] as number[];
      for (const [index, name] of named) {
        const start = first[2 * index] as number;
        const text = start < 0 ? '' : input.slice(start, first[2 * index + 1]);
        const value = replaced.captured.get(text);
        if (value !== undefined) entry.extracted[name] = value;
      }
      out.push(entry);
    },
  };
}
