import { formatLabels, WatchpostError, type Labels } from '../../core/index.js';
import type { BinOp, VectorMatching } from '../syntax/ast.js';
import { applyArithmetic, isSetOp, type ArithmeticOp } from '../syntax/index.js';
import { isComparison } from './arithmetic.js';
import { createStepSelection, createStepSeries, type StepSeries, type StepValue } from './series.js';

/** Combines two evaluated operands of `node` (PromQL semantics, Loki's NaN for x/0). */
export function applyBinaryOp(node: BinOp, left: StepValue, right: StepValue, steps: number): StepValue {
  if (left.kind === 'scalar' && right.kind === 'scalar') {
    if (isSetOp(node.op)) return left;
    return { kind: 'scalar', value: applyArithmetic(node.op, left.value, right.value) };
  }
  if (left.kind === 'matrix' && right.kind === 'matrix') {
    const series = isSetOp(node.op)
      ? applySetOp(node.op, left.series, right.series, node.matching, steps)
      : applyVectorOp(node, left.series, right.series, steps);
    return { kind: 'matrix', series };
  }
  if (isSetOp(node.op)) return left.kind === 'matrix' ? left : right;
  const vector = (left.kind === 'matrix' ? left : right) as Extract<StepValue, { kind: 'matrix' }>;
  const scalar = (left.kind === 'scalar' ? left : right) as Extract<StepValue, { kind: 'scalar' }>;
  return { kind: 'matrix', series: applyScalarOp(node, vector.series, scalar.value, left.kind === 'scalar', steps) };
}

/** Vector ⊕ scalar: labels unchanged; comparisons keep the vector's value or give 0/1 with bool. */
function applyScalarOp(node: BinOp, input: readonly StepSeries[], scalar: number, scalarLeft: boolean, steps: number): StepSeries[] {
  const op = node.op as ArithmeticOp;
  const comparison = isComparison(op);
  const out: StepSeries[] = [];
  for (const series of input) {
    const result = createStepSeries(series.labels, series.key, steps);
    let any = false;
    for (let i = 0; i < steps; i++) {
      if (series.present[i] === 0) continue;
      const v = series.values[i] as number;
      const value = scalarLeft ? applyArithmetic(op, scalar, v) : applyArithmetic(op, v, scalar);
      if (comparison && !node.returnBool) {
        if (value === 0) continue;
        result.values[i] = v;
      } else result.values[i] = value;
      result.present[i] = 1;
      any = true;
    }
    if (any) out.push(result);
  }
  return out;
}

/** The matching signature of a series: `on` labels, or all but the `ignoring` ones. */
function signatureOf(labels: Labels, matching: VectorMatching | undefined): string {
  if (matching === undefined) return formatLabels(labels);
  const picked: Record<string, string> = {};
  for (const name of Object.keys(labels)) {
    if (matching.labels.includes(name) === matching.on) picked[name] = labels[name] as string;
  }
  return formatLabels(picked);
}

/** Result labels (Prometheus `resultMetric`): `many` is the many side, `one` the one side. */
function resultLabels(many: Labels, one: Labels, matching: VectorMatching | undefined): Labels {
  const out: Record<string, string> = { ...many };
  if (matching === undefined) return out;
  if (matching.card === 'one-to-one') {
    for (const name of Object.keys(out)) {
      if (matching.labels.includes(name) !== matching.on) delete out[name];
    }
  }
  for (const name of matching.include) {
    const value = one[name];
    if (value !== undefined && value !== '') out[name] = value;
    else delete out[name];
  }
  return out;
}

function applyVectorOp(node: BinOp, leftIn: readonly StepSeries[], rightIn: readonly StepSeries[], steps: number): StepSeries[] {
  const matching = node.matching;
  const card = matching?.card ?? 'one-to-one';
  const swap = card === 'one-to-many';
  const many = swap ? rightIn : leftIn;
  const one = swap ? leftIn : rightIn;
  const manySigs = many.map((s) => signatureOf(s.labels, matching));
  const oneSigs = one.map((s) => signatureOf(s.labels, matching));
  const op = node.op as ArithmeticOp;
  const comparison = isComparison(op);
  const outputs = new Map<string, StepSeries>();
  const labelCache = new Map<string, Labels>();
  for (let i = 0; i < steps; i++) {
    const oneBySig = new Map<string, number>();
    for (let j = 0; j < one.length; j++) {
      const s = one[j] as StepSeries;
      if (s.present[i] === 0) continue;
      const sig = oneSigs[j] as string;
      const dup = oneBySig.get(sig);
      if (dup !== undefined) {
        throw new WatchpostError(
          'ERR_QUERY_EXECUTION',
          `found duplicate series on the ${swap ? 'left' : 'right'} hand-side;many-to-many matching not allowed: matching labels must be unique on one side`,
        );
      }
      oneBySig.set(sig, j);
    }
    const matchedSigs = new Set<string>();
    const inserted = new Set<string>();
    for (let j = 0; j < many.length; j++) {
      const ls = many[j] as StepSeries;
      if (ls.present[i] === 0) continue;
      const sig = manySigs[j] as string;
      const k = oneBySig.get(sig);
      if (k === undefined) continue;
      const rs = one[k] as StepSeries;
      let vl = ls.values[i] as number;
      let vr = rs.values[i] as number;
      if (swap) [vl, vr] = [vr, vl];
      let value = applyArithmetic(op, vl, vr);
      if (comparison && !node.returnBool) {
        if (value === 0) continue;
        value = vl;
      }
      if (card === 'one-to-one') {
        if (matchedSigs.has(sig)) {
          throw new WatchpostError(
            'ERR_QUERY_EXECUTION',
            'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
          );
        }
        matchedSigs.add(sig);
      }
      const cacheKey = `${ls.key}\u0000${rs.key}`;
      let labels = labelCache.get(cacheKey);
      if (labels === undefined) {
        labels = resultLabels(ls.labels, rs.labels, matching);
        labelCache.set(cacheKey, labels);
      }
      const key = formatLabels(labels);
      if (card !== 'one-to-one') {
        if (inserted.has(key)) {
          throw new WatchpostError('ERR_QUERY_EXECUTION', 'multiple matches for labels: grouping labels must ensure unique matches');
        }
        inserted.add(key);
      }
      let out = outputs.get(key);
      if (out === undefined) {
        out = createStepSeries(labels, key, steps);
        outputs.set(key, out);
      }
      out.present[i] = 1;
      out.values[i] = value;
    }
  }
  return [...outputs.values()];
}

/** `and`, `or`, `unless` per step, matching on signatures (many-to-many). */
function applySetOp(
  op: 'and' | 'or' | 'unless',
  left: readonly StepSeries[],
  right: readonly StepSeries[],
  matching: VectorMatching | undefined,
  steps: number,
): StepSeries[] {
  const leftSigs = left.map((s) => signatureOf(s.labels, matching));
  const rightSigs = right.map((s) => signatureOf(s.labels, matching));
  const selection = createStepSelection(steps);
  for (let i = 0; i < steps; i++) {
    const rightPresent = new Set<string>();
    for (let j = 0; j < right.length; j++) if ((right[j] as StepSeries).present[i] === 1) rightPresent.add(rightSigs[j] as string);
    const leftPresent = new Set<string>();
    for (let j = 0; j < left.length; j++) {
      const s = left[j] as StepSeries;
      if (s.present[i] === 0) continue;
      const sig = leftSigs[j] as string;
      leftPresent.add(sig);
      const matched = rightPresent.has(sig);
      if (op === 'or' || (op === 'and' && matched) || (op === 'unless' && !matched)) selection.keep(s, i);
    }
    if (op !== 'or') continue;
    for (let j = 0; j < right.length; j++) {
      const s = right[j] as StepSeries;
      if (s.present[i] === 1 && !leftPresent.has(rightSigs[j] as string)) selection.keep(s, i);
    }
  }
  return mergeSameLabels(selection.series(), steps);
}

/** `or` can yield two series objects with one label set (from both sides): merge them per step. */
function mergeSameLabels(series: StepSeries[], steps: number): StepSeries[] {
  const byKey = new Map<string, StepSeries>();
  for (const s of series) {
    const existing = byKey.get(s.key);
    if (existing === undefined) {
      byKey.set(s.key, s);
      continue;
    }
    for (let i = 0; i < steps; i++) {
      if (existing.present[i] === 0 && s.present[i] === 1) {
        existing.present[i] = 1;
        existing.values[i] = s.values[i] as number;
      }
    }
  }
  return [...byKey.values()];
}
