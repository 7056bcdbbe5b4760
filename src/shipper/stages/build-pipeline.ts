/**
 * Builds a promtail `pipeline_stages` list into a Pipeline: each item is a
 * one-key map `- <stage>: <config>`; the stage creators validate their config
 * and throw ERR_CONFIG_INVALID with promtail's wording and the stage named.
 */
import { WatchpostError } from '../../core/index.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import { isPlainMap } from './stage-config.js';
import { stageFactories } from './stage-factories.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage, StageContext } from './types.js';

function configError(message: string, details: object): WatchpostError {
  return new WatchpostError('ERR_CONFIG_INVALID', message, { details });
}

function describeItem(item: unknown): string {
  return typeof item === 'string' ? item : JSON.stringify(item) ?? String(item);
}

function buildStages(configs: unknown, ctx: StageBuildContext): Stage[] {
  if (configs === null || configs === undefined) return [];
  if (!Array.isArray(configs)) throw configError('pipeline_stages must be a list of stages', {});
  return configs.map((item: unknown, index) => {
    if (!isPlainMap(item)) {
      throw configError(
        `invalid YAML config, make sure each stage of your pipeline is a YAML object (must end with a \`:\`), check stage \`- ${describeItem(item)}\``,
        { index },
      );
    }
    const names = Object.keys(item);
    if (names.length !== 1) throw configError('pipeline stage must contain only one key', { index });
    const name = names[0] as string;
    const factory = Object.hasOwn(stageFactories, name) ? stageFactories[name] : undefined;
    if (factory === undefined) throw configError(`Unknown stage type: ${name}`, { index, stage: name });
    try {
      return factory(item[name], ctx);
    } catch (err) {
      if (err instanceof WatchpostError) {
        throw new WatchpostError(err.code, err.message, { cause: err.cause, details: { index, ...(err.details ?? {}) } });
      }
      throw configError(`invalid ${name} stage config: ${(err as Error).message}`, { index, stage: name });
    }
  });
}

/**
 * Builds the pipeline of one scrape config. The returned pipeline copies
 * each entry's labels into its extracted map on the way in (promtail's
 * behaviour), so stages can read `filename`, `job`, … as extracted values.
 */
export function buildPipeline(configs: unknown, ctx: StageContext): Pipeline {
  const closeHooks: Array<() => void> = [];
  const build: StageBuildContext = {
    registry: ctx.registry,
    jobName: ctx.jobName,
    logger: ctx.logger,
    nowMs: ctx.nowMs,
    addCloseHook: (hook) => closeHooks.push(hook),
    buildNested: (nested, stage) => {
      try {
        return createPipeline(buildStages(nested, build), { initExtracted: true });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw configError(`invalid ${stage} stage config: ${stage} stage failed to create pipeline from config: ${message}`, { stage });
      }
    },
  };
  try {
    return createPipeline(buildStages(configs, build), { initExtracted: true, onClose: closeHooks });
  } catch (err) {
    // Metrics registered by the stages built before the error are taken back.
    for (const hook of closeHooks) hook();
    throw err;
  }
}
