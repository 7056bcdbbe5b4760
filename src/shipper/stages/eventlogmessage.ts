/**
 * promtail's `eventlogmessage` stage (Windows event logs): the `Key: Value`
 * lines (`\r\n`-separated) of the extracted `source` (`message`) become
 * extracted keys; invalid key names are sanitised (or skipped with
 * `drop_invalid_labels`); an existing key gets an `_extracted` suffix unless
 * `overwrite_existing`. A source that is not a string drops the entry.
 */
import { StageConfig } from './stage-config.js';
import { isLegacyLabelName, isValidLabelValue, toGoString } from './go-values.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

/** promtail's SanitizeFullLabelName: invalid characters become `_`. */
export function sanitizeFullLabelName(name: string): string {
  if (name === '') return '_';
  let out = '';
  let i = 0;
  for (const ch of name) {
    const valid = /[a-zA-Z_]/.test(ch) || (/[0-9]/.test(ch) && i > 0);
    out += valid ? ch : '_';
    i += ch.length;
  }
  return out;
}

export function createEventLogMessageStage(config: unknown, ctx: StageBuildContext): Stage {
  const cfg = new StageConfig('eventlogmessage', config);
  const source = cfg.string('source') ?? 'message';
  const overwrite = cfg.bool('overwrite_existing') ?? false;
  const dropInvalid = cfg.bool('drop_invalid_labels') ?? false;
  cfg.finish();
  if (!isLegacyLabelName(source)) throw cfg.fail(`invalid label name: ${source}`, 'source');
  return {
    process(entry, out) {
      const extracted = entry.extracted;
      if (!Object.hasOwn(extracted, source)) {
        out.push(entry);
        return;
      }
      const text = toGoString(extracted[source]);
      if (text === undefined) {
        ctx.logger.warn('invalid label value parsed', { component: 'stage', type: 'eventlogmessage' });
        return;
      }
      for (const line of text.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        let key = line.slice(0, colon);
        if (!isLegacyLabelName(key)) {
          if (dropInvalid) continue;
          key = sanitizeFullLabelName(key);
        }
        if (Object.hasOwn(extracted, key) && !overwrite) key += '_extracted';
        const value = line.slice(colon + 1).trim();
        if (!isValidLabelValue(value)) continue;
        extracted[key] = value;
      }
      out.push(entry);
    },
  };
}
