import type { Labels } from '../../core/index.js';
import { compileSelectorMatchers, type StreamSelector } from '../../logql/index.js';

/** A compiled label matcher: true when `labels` satisfies it (a missing label reads as ""). */
export type LabelPredicate = (labels: Labels) => boolean;

/**
 * All matchers of a selector AND-ed together, with Prometheus semantics
 * (anchored RE2-compatible regexes, absent label = ""), compiled by the
 * LogQL pipeline so the store and the engine agree on every matcher.
 */
export function compileSelector(selector: StreamSelector): LabelPredicate {
  if (selector.matchers.length === 0) return () => true;
  return compileSelectorMatchers(selector);
}
