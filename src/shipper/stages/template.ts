/**
 * promtail's `template` stage: a Go text/template renders into the
 * extracted key `source`. Data: every string-convertible extracted value by
 * key, `.Value` (the current value of `source`), `.Entry` (the line).
 * Missing keys print `<no value>`; an empty result deletes the key; an
 * execution error leaves everything unchanged.
 */
import { parseGoTemplate, type GoMap, type GoTemplate } from '../../core/gotemplate/index.js';
import { StageConfig } from './stage-config.js';
import { toGoString } from './go-values.js';
import { promtailTemplateFuncs } from './template-functions.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

/** Parses a stage template with promtail's functions; a syntax error is the stage's config error. */
export function parseStageTemplate(cfg: StageConfig, key: string, text: string): GoTemplate {
  try {
    return parseGoTemplate('pipeline_template', text, { funcs: promtailTemplateFuncs });
  } catch (err) {
    throw cfg.fail((err as Error).message, key);
  }
}

/** The template data promtail builds: string forms of the extracted values. */
export function buildTemplateData(extracted: Readonly<Record<string, unknown>>): Record<string, string> {
  const data: Record<string, string> = {};
  for (const key in extracted) {
    const value = toGoString(extracted[key]);
    if (value !== undefined) data[key] = value;
  }
  return data;
}

export function createTemplateStage(config: unknown, _ctx: StageBuildContext): Stage {
  if (config === null || config === undefined) throw new StageConfig('template', {}).fail('template stage config cannot be empty');
  const cfg = new StageConfig('template', config);
  const source = cfg.string('source') ?? '';
  const text = cfg.string('template') ?? '';
  cfg.finish();
  if (source === '') throw cfg.fail('template source value is required', 'source');
  const template = parseStageTemplate(cfg, 'template', text);
  return {
    process(entry, out) {
      const data: Record<string, string> = buildTemplateData(entry.extracted);
      if (Object.hasOwn(data, source)) data.Value = data[source] as string;
      data.Entry = entry.line;
      let result: string | undefined;
      try {
        result = template.execute(data as GoMap);
      } catch {
        result = undefined;
      }
      if (result === '') delete entry.extracted[source];
      else if (result !== undefined) entry.extracted[source] = result;
      out.push(entry);
    },
  };
}
