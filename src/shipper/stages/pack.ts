/**
 * promtail's `pack` stage: the named extracted values (labels included)
 * are packed with the line into a JSON object, keys sorted and `_entry`
 * last, and removed from the labels. `ingest_timestamp` (default true) sets
 * the entry time to now. LogQL's `| unpack` reverses it.
 */
import { StageConfig } from './stage-config.js';
import { encodeGoJsonString, toGoString } from './go-values.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

/** `{"a":"1","b":"2","_entry":"line"}` with Go's escaping. */
export function encodePacked(values: ReadonlyMap<string, string>, line: string): string {
  let out = '{';
  for (const key of [...values.keys()].sort()) out += `${encodeGoJsonString(key)}:${encodeGoJsonString(values.get(key) as string)},`;
  return `${out}"_entry":${encodeGoJsonString(line)}}`;
}

export function createPackStage(config: unknown, ctx: StageBuildContext): Stage {
  const cfg = new StageConfig('pack', config);
  const names = cfg.stringList('labels') ?? [];
  const ingestTimestamp = cfg.bool('ingest_timestamp') ?? true;
  cfg.finish();
  return {
    process(entry, out) {
      const packed = new Map<string, string>();
      for (const name of names) {
        if (!Object.hasOwn(entry.extracted, name)) continue;
        const value = toGoString(entry.extracted[name]);
        if (value !== undefined) packed.set(name, value);
      }
      entry.line = encodePacked(packed, entry.line);
      for (const name of packed.keys()) delete entry.labels[name];
      if (ingestTimestamp) entry.tsNs = BigInt(ctx.nowMs()) * 1_000_000n;
      out.push(entry);
    },
  };
}
