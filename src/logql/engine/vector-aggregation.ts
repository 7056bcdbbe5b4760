import { formatLabels, type Labels } from '../../core/index.js';
import type { VectorAggregation } from '../syntax/ast.js';
import { groupLabels } from './grouping.js';
import { createStepSelection, createStepSeries, type StepSeries } from './series.js';

interface Group {
  readonly labels: Labels;
  readonly key: string;
  readonly members: StepSeries[];
}

/**
 * `sum avg min max count stddev stdvar topk bottomk sort sort_desc` with
 * PromQL semantics (float operation order as Loki's vector evaluator).
 * Groups are formed once per series; values are combined per step.
 * `sort`/`sort_desc` pass series through (their order is applied to
 * instant results by the engine).
 */
export function aggregateVector(node: VectorAggregation, input: readonly StepSeries[], steps: number): StepSeries[] {
  if (node.op === 'sort' || node.op === 'sort_desc') return [...input];
  const groups = new Map<string, Group>();
  for (const series of input) {
    const labels = groupLabels(series.labels, node.grouping);
    const key = formatLabels(labels);
    let group = groups.get(key);
    if (group === undefined) {
      group = { labels, key, members: [] };
      groups.set(key, group);
    }
    group.members.push(series);
  }
  if (node.op === 'topk' || node.op === 'bottomk' || node.op === 'approx_topk') {
    return selectTopK(groups, Math.trunc(node.param ?? 0), node.op === 'bottomk', steps);
  }
  const out: StepSeries[] = [];
  for (const group of groups.values()) {
    const series = createStepSeries(group.labels, group.key, steps);
    let any = false;
    for (let i = 0; i < steps; i++) {
      let count = 0;
      let value = 0;
      let mean = 0;
      for (const member of group.members) {
        if (member.present[i] === 0) continue;
        const x = member.values[i] as number;
        count++;
        if (count === 1) {
          value = node.op === 'stddev' || node.op === 'stdvar' ? 0 : x;
          mean = x;
          continue;
        }
        switch (node.op) {
          case 'sum':
            value += x;
            break;
          case 'avg':
            mean = addToMean(mean, x, count);
            break;
          case 'max':
            if (value < x || Number.isNaN(value)) value = x;
            break;
          case 'min':
            if (value > x || Number.isNaN(value)) value = x;
            break;
          case 'stddev':
          case 'stdvar': {
            const delta = x - mean;
            mean += delta / count;
            value += delta * (x - mean);
            break;
          }
          default:
            break;
        }
      }
      if (count === 0) continue;
      any = true;
      series.present[i] = 1;
      series.values[i] = finishValue(node.op, value, mean, count);
    }
    if (any) out.push(series);
  }
  return out;
}

function addToMean(mean: number, x: number, count: number): number {
  if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
    if (!Number.isFinite(x) && !Number.isNaN(x) && mean > 0 === x > 0) return mean;
    if (Number.isFinite(x)) return mean;
  }
  return mean + (x - mean) / count;
}

function finishValue(op: VectorAggregation['op'], value: number, mean: number, count: number): number {
  switch (op) {
    case 'avg':
      return mean;
    case 'count':
      return count;
    case 'stdvar':
      return value / count;
    case 'stddev':
      return Math.sqrt(value / count);
    default:
      return value;
  }
}

/** topk/bottomk: per group and step, the k largest (smallest) samples keep their own labels. */
function selectTopK(groups: Map<string, Group>, k: number, bottom: boolean, steps: number): StepSeries[] {
  if (k < 1) return [];
  const selection = createStepSelection(steps);
  for (const group of groups.values()) {
    for (let i = 0; i < steps; i++) {
      const candidates: StepSeries[] = [];
      for (const member of group.members) if (member.present[i] === 1) candidates.push(member);
      if (candidates.length === 0) continue;
      candidates.sort((a, b) => compareForTopK(a.values[i] as number, b.values[i] as number, bottom));
      const take = Math.min(k, candidates.length);
      for (let j = 0; j < take; j++) {
        selection.keep(candidates[j] as StepSeries, i);
      }
    }
  }
  return selection.series();
}

/** Best first; NaN always last (Prometheus treats NaN as the least wanted in both). */
function compareForTopK(a: number, b: number, bottom: boolean): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return bottom ? a - b : b - a;
}
