/**
 * promtail's `json` stage: JMESPath expressions over the line (or an
 * extracted `source`) decoded as a JSON object. Numbers, strings, booleans
 * and null are stored as they are; objects and arrays as compact Go JSON.
 */
import { StageConfig } from './stage-config.js';
import { readSourceOption, readStageInput } from './source-input.js';
import { compileJmesPath, type JmesSearch } from './jmespath-compile.js';
import { encodeGoJson } from './go-values.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

export interface JsonStageConfig {
  readonly expressions: ReadonlyMap<string, string | undefined>;
  readonly source?: string | undefined;
  readonly dropMalformed?: boolean;
}

export function readJsonStageConfig(config: unknown): JsonStageConfig {
  const cfg = new StageConfig('json', config);
  const expressions = cfg.stringMap('expressions');
  const source = readSourceOption(cfg);
  const dropMalformed = cfg.bool('drop_malformed') ?? false;
  cfg.finish();
  if (expressions === undefined || expressions.size === 0) throw cfg.fail('JMES expression is required', 'expressions');
  return { expressions, source, dropMalformed };
}

/** Builds the stage from a validated config (docker reuses it). */
export function createJsonStageFrom(config: JsonStageConfig): Stage {
  const searches: Array<readonly [string, JmesSearch]> = [];
  for (const [name, expression] of config.expressions) {
    const text = expression === undefined || expression === '' ? name : expression;
    try {
      searches.push([name, compileJmesPath(text)]);
    } catch (err) {
      throw new StageConfig('json', {}).fail(`could not compile JMES expression: ${(err as Error).message}`, `expressions.${name}`);
    }
  }
  const { source } = config;
  const dropMalformed = config.dropMalformed === true;
  return {
    process(entry, out) {
      const input = readStageInput(entry, source);
      if (input === undefined) {
        out.push(entry);
        return;
      }
      let data: unknown;
      try {
        data = JSON.parse(input);
      } catch {
        data = undefined;
      }
      // Go decodes into map[string]interface{}: only objects (and null) decode.
      if (data === undefined || (data !== null && (typeof data !== 'object' || Array.isArray(data)))) {
        if (!dropMalformed) out.push(entry);
        return;
      }
      const extracted = entry.extracted;
      for (const [name, search] of searches) {
        const value = search(data);
        if (value === undefined) continue;
        extracted[name] = value !== null && typeof value === 'object' ? encodeGoJson(value) : value;
      }
      out.push(entry);
    },
  };
}

export function createJsonStage(config: unknown, _ctx: StageBuildContext): Stage {
  return createJsonStageFrom(readJsonStageConfig(config));
}
