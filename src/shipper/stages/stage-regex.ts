/** Go regexps in stage configs (RE2 syntax, translated by logql's compileGoRegex). */
import { compileGoRegex, type GoRegex } from '../../logql/index.js';
import type { StageConfig } from './stage-config.js';

/**
 * Compiles `pattern` for `key`; a Go syntax error becomes the stage's config
 * error `<prefix>: error parsing regexp: …` (promtail's wording per stage).
 */
export function compileStageRegex(cfg: StageConfig, key: string, pattern: string, prefix = 'could not compile regular expression', global = false): GoRegex {
  try {
    return compileGoRegex(pattern, { global });
  } catch (err) {
    throw cfg.fail(`${prefix}: ${(err as Error).message}`, key);
  }
}
