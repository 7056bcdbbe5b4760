import { formatLabels, type Labels } from '../../core/index.js';
import type { Matcher, RangeAggregation } from '../syntax/ast.js';
import { createStepSeries, type StepSeries } from './series.js';

/** absent_over_time: value 1 at the steps where no series had a sample. */
export function absentSeries(node: RangeAggregation, anyPresent: Uint8Array, steps: number): StepSeries {
  const labels = absentLabels(node.range.selector.selector.matchers);
  const series = createStepSeries(labels, formatLabels(labels), steps);
  for (let i = 0; i < steps; i++) {
    if (anyPresent[i] === 0) {
      series.present[i] = 1;
      series.values[i] = 1;
    }
  }
  return series;
}

/** The selector's `=` matchers; a name matched twice or by another operator is left out (Prometheus). */
export function absentLabels(matchers: readonly Matcher[]): Labels {
  const labels: Record<string, string> = {};
  const dropped = new Set<string>();
  for (const m of matchers) {
    if (m.op === '=' && !(m.name in labels)) labels[m.name] = m.value;
    else dropped.add(m.name);
  }
  for (const name of dropped) delete labels[name];
  return labels;
}
