/**
 * promtail's `tenant` stage: exactly one of `source` (extracted key),
 * `label` (label name) or `value` (constant) gives the entry's tenant; an
 * empty result leaves it unchanged. The client sends the entry with
 * `X-Scope-OrgID: <tenant>` (promtail's reserved `__tenant_id__` label).
 */
import { StageConfig } from './stage-config.js';
import { toGoString } from './go-values.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

export function createTenantStage(config: unknown, _ctx: StageBuildContext): Stage {
  const cfg = new StageConfig('tenant', config);
  const label = cfg.string('label') ?? '';
  const source = cfg.string('source') ?? '';
  const value = cfg.string('value') ?? '';
  cfg.finish();
  const set = [label, source, value].filter((v) => v !== '').length;
  if (set === 0) throw cfg.fail('label, source or value config are required');
  if (set > 1) throw cfg.fail('label, source and value are mutually exclusive: you should set source, value or label but not all');
  return {
    process(entry, out) {
      let tenant: string | undefined;
      if (source !== '') tenant = Object.hasOwn(entry.extracted, source) ? toGoString(entry.extracted[source]) : undefined;
      else if (label !== '') tenant = entry.labels[label];
      else tenant = value;
      if (tenant !== undefined && tenant !== '') entry.tenant = tenant;
      out.push(entry);
    },
  };
}
