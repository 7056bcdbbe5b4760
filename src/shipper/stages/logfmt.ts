/**
 * promtail's `logfmt` stage: go-logfmt decoding of the line (or `source`);
 * each field named in `mapping` (`extracted_key: logfmt_field`, empty → same
 * name) is stored as a string (a bare key as `""`). Decoding stops at the
 * first syntax error, keeping the fields read before it.
 */
import { StageConfig } from './stage-config.js';
import { readSourceOption, readStageInput } from './source-input.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

/**
 * go-logfmt's decoder over one record (line): calls `onPair` per key; returns
 * false at a syntax error (the rest is not read).
 */
export function decodeLogfmtRecord(line: string, onPair: (key: string, value: string) => void): boolean {
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && line.charCodeAt(i) <= 32) i++;
    if (i >= n) return true;
    const keyStart = i;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c <= 32 || c === 61) break;
      if (c === 34) return false;
      i++;
    }
    if (i === keyStart) return false; // unexpected '='
    const key = line.slice(keyStart, i);
    if (i >= n || line.charCodeAt(i) <= 32) {
      onPair(key, '');
      continue;
    }
    i++; // '='
    if (i >= n || line.charCodeAt(i) <= 32) {
      onPair(key, '');
      continue;
    }
    if (line.charCodeAt(i) === 34) {
      let j = i + 1;
      let escaped = false;
      while (j < n && line.charCodeAt(j) !== 34) {
        if (line.charCodeAt(j) === 92) {
          escaped = true;
          j++;
        }
        j++;
      }
      if (j >= n) return false; // unterminated quoted value
      let value = line.slice(i + 1, j);
      if (escaped) {
        try {
          value = JSON.parse(line.slice(i, j + 1)) as string;
        } catch {
          return false;
        }
      }
      i = j + 1;
      onPair(key, value);
      continue;
    }
    const valueStart = i;
    while (i < n && line.charCodeAt(i) > 32) {
      const c = line.charCodeAt(i);
      if (c === 61 || c === 34) return false;
      i++;
    }
    onPair(key, line.slice(valueStart, i));
  }
  return true;
}

export function createLogfmtStage(config: unknown, _ctx: StageBuildContext): Stage {
  if (config === null || config === undefined) throw new StageConfig('logfmt', {}).fail('empty logfmt stage configuration');
  const cfg = new StageConfig('logfmt', config);
  const mapping = cfg.stringMap('mapping');
  const source = readSourceOption(cfg);
  cfg.finish();
  if (mapping === undefined || mapping.size === 0) throw cfg.fail('logfmt mapping is required', 'mapping');
  // logfmt field → extracted key.
  const inverse = new Map<string, string>();
  for (const [key, field] of mapping) inverse.set(field === undefined || field === '' ? key : field, key);
  return {
    process(entry, out) {
      const input = readStageInput(entry, source);
      if (input !== undefined) {
        const extracted = entry.extracted;
        const onPair = (key: string, value: string): void => {
          const target = inverse.get(key);
          if (target !== undefined) extracted[target] = value;
        };
        for (const record of input.split('\n')) if (!decodeLogfmtRecord(record, onPair)) break;
      }
      out.push(entry);
    },
  };
}
