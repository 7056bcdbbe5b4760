import type { Labels } from '../../core/index.js';
import type { Grouping } from '../syntax/ast.js';

/**
 * The labels a `by (…)` / `without (…)` clause keeps from a series (no clause
 * = `by ()`: everything aggregates into `{}`).
 */
export function groupLabels(labels: Labels, grouping: Grouping | undefined): Labels {
  const out: Record<string, string> = {};
  if (grouping === undefined) return out;
  if (grouping.without) {
    for (const name of Object.keys(labels)) {
      if (!grouping.labels.includes(name)) out[name] = labels[name] as string;
    }
    return out;
  }
  for (const name of grouping.labels) {
    const value = labels[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}
