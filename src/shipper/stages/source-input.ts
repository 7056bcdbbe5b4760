/**
 * The `source` option of the parsing stages (json, regex, logfmt, replace):
 * read the extracted value named by it instead of the line.
 */
import { toGoString } from './go-values.js';
import type { StageConfig } from './stage-config.js';
import type { PipelineEntry } from './types.js';

/** Reads `source`; an empty string is promtail's `empty source` error (`message` overrides). */
export function readSourceOption(config: StageConfig, message = 'empty source'): string | undefined {
  const source = config.string('source');
  if (source === '') throw config.fail(message, 'source');
  return source;
}

/**
 * The text a stage parses: the line, or the extracted `source` value as a
 * string; undefined (stage does nothing) when the key is missing or not
 * convertible.
 */
export function readStageInput(entry: PipelineEntry, source: string | undefined): string | undefined {
  if (source === undefined) return entry.line;
  if (!Object.hasOwn(entry.extracted, source)) return undefined;
  return toGoString(entry.extracted[source]);
}
