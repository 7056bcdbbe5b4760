import type { LabelsBuilder } from './labels-builder.js';

/**
 * One runtime pipeline stage (Loki's `Stage`): returns the (possibly new)
 * line, or null to drop it. Stages never mutate the input line; they record
 * labels and errors in the per-line builder. A stage instance belongs to one
 * stream pipeline (it may keep per-stream caches) and is not reentrant.
 */
export interface Stage {
  process(tsNs: bigint, line: string, lbs: LabelsBuilder): string | null;
}

/** Builds a stage for one stream; called once per stream by `forStream`. */
export type StageFactory = () => Stage;
