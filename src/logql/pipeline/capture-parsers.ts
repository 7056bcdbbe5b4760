import { WatchpostError } from '../../core/index.js';
import { compilePatternExtractor } from './pattern.js';
import { compileGoRegex } from './regex.js';
import { isValidLabelName, sanitizeLabelKey } from './sanitize.js';
import type { StageFactory } from './stage.js';

/**
 * `| regexp "<RE2>"` (logql.md §6.4): unanchored search; each named group
 * becomes a label (`""` when the group did not take part); no match adds nothing.
 */
export function createRegexpStageFactory(pattern: string, stageIndex: number): StageFactory {
  const re = compileGoRegex(pattern);
  const groups: { index: number; name: string }[] = [];
  const seen = new Set<string>();
  re.groupNames.forEach((name, index) => {
    if (name === undefined) return;
    if (!isValidLabelName(name)) throw new WatchpostError('ERR_LOGQL_PARSE', `invalid extracted label name '${name}'`);
    if (seen.has(name)) throw new WatchpostError('ERR_LOGQL_PARSE', `duplicate extracted label name '${name}'`);
    seen.add(name);
    groups.push({ index, name: sanitizeLabelKey(name, true) });
  });
  if (groups.length === 0) throw new WatchpostError('ERR_LOGQL_PARSE', 'at least one named capture must be supplied');
  const regexp = re.regexp;
  return () => ({
    process(_tsNs, line, lbs) {
      const m = regexp.exec(line);
      if (m === null) return line;
      for (const g of groups) lbs.setParsed(g.name, m[g.index] ?? '', stageIndex);
      return line;
    },
  });
}

/** `| pattern "<expr>"` (logql.md §6.5). */
export function createPatternStageFactory(pattern: string, stageIndex: number): StageFactory {
  const extractor = compilePatternExtractor(pattern);
  for (const name of extractor.names) {
    if (!isValidLabelName(name)) throw new WatchpostError('ERR_LOGQL_PARSE', `invalid capture label name '${name}'`);
  }
  return () => ({
    process(_tsNs, line, lbs) {
      const values = extractor.match(line);
      for (let i = 0; i < values.length; i++) lbs.setParsed(extractor.names[i] as string, values[i] as string, stageIndex);
      return line;
    },
  });
}
