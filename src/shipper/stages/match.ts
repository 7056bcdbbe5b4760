/**
 * promtail's `match` stage: entries whose labels (and line, with line
 * filters) match `selector` go through the nested `stages` (action `keep`),
 * or are dropped and counted in
 * `logentry_dropped_lines_total{reason=<drop_counter_reason>}` (action
 * `drop`). Other entries pass on unchanged.
 */
import { StageConfig } from './stage-config.js';
import { parseMatchSelector, type MatchSelector } from './match-selector.js';
import { getDropCounter, type StageBuildContext } from './build-context.js';
import type { HoldingStage } from './pipeline.js';

export function createMatchStage(config: unknown, ctx: StageBuildContext): HoldingStage {
  if (config === null || config === undefined) throw new StageConfig('match', {}).fail('match stage config cannot be empty');
  const cfg = new StageConfig('match', config);
  const pipelineName = cfg.has('pipeline_name') ? cfg.string('pipeline_name') ?? '' : undefined;
  const selectorText = cfg.string('selector') ?? '';
  const stagesConfig = cfg.raw('stages');
  const action = cfg.string('action') || 'keep';
  const reason = cfg.string('drop_counter_reason') || 'match_stage';
  cfg.finish();
  if (pipelineName === '') throw cfg.fail('match stage pipeline name can be omitted but cannot be an empty string', 'pipeline_name');
  if (selectorText === '') throw cfg.fail('selector statement required for match stage', 'selector');
  if (action !== 'keep' && action !== 'drop') throw cfg.fail("match stage action should be 'keep' or 'drop'", 'action');
  const hasStages = Array.isArray(stagesConfig) && stagesConfig.length > 0;
  if (action === 'keep' && !hasStages) throw cfg.fail("match stage requires at least one additional stage to be defined in '- stages'", 'stages');
  if (action === 'drop' && hasStages) throw cfg.fail('match stage configured to drop entries cannot contains stages', 'stages');
  let selector: MatchSelector;
  try {
    selector = parseMatchSelector(selectorText);
  } catch (err) {
    throw cfg.fail(`invalid selector syntax for match stage: ${(err as Error).message}`, 'selector');
  }
  const matches = (labels: Readonly<Record<string, string>>, line: string): boolean =>
    selector.matchesLabels(labels) && (selector.matchesLine === undefined || selector.matchesLine(line));

  if (action === 'drop') {
    const counter = getDropCounter(ctx.registry);
    return {
      process(entry, out) {
        if (matches(entry.labels, entry.line)) counter.inc({ reason });
        else out.push(entry);
      },
    };
  }
  const nested = ctx.buildNested(stagesConfig, 'match');
  return {
    process(entry, out) {
      if (matches(entry.labels, entry.line)) nested.process(entry, out);
      else out.push(entry);
    },
    flush: (nowMs, out, force) => nested.flush(nowMs, out, force),
    heldMinSeq: () => nested.heldMinSeq(),
    heldCount: () => nested.heldCount(),
  };
}
