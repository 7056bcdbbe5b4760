/**
 * promtail's `structured_metadata` stage: like `labels`, but the values go
 * to the entry's structured metadata; a name not extracted is taken from a
 * label of that name. A label whose value was demoted this way is removed.
 */
import { readLabelSourceMap, forEachLabelValue } from './labels.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

export function createStructuredMetadataStage(config: unknown, _ctx: StageBuildContext): Stage {
  const mapping = readLabelSourceMap('structured_metadata', config, 'label stage config cannot be empty');
  return {
    process(entry, out) {
      const metadata: Record<string, string> = { ...(entry.metadata ?? {}) };
      const taken = new Map<string, string>();
      forEachLabelValue(entry, mapping, (name, value, source) => {
        metadata[name] = value;
        taken.set(source, value);
      });
      for (const [name, source] of mapping) {
        if (taken.has(source)) continue;
        const value = entry.labels[source];
        if (value === undefined) continue;
        metadata[name] = value;
        taken.set(source, value);
      }
      for (const [source, value] of taken) if (entry.labels[source] === value) delete entry.labels[source];
      if (Object.keys(metadata).length > 0) entry.metadata = metadata;
      out.push(entry);
    },
  };
}
