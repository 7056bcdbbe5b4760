import { WatchpostError } from '../../core/index.js';
import type { Grouping, MetricExpr, RangeAggregation } from '../syntax/ast.js';
import { applyBinaryOp } from './binary-op.js';
import type { EvalContext } from './eval-context.js';
import { applyLabelReplace } from './label-replace.js';
import { evaluateRangeAggregation, injectableGrouping } from './range-aggregation.js';
import { createStepSeries, type StepSeries, type StepValue } from './series.js';
import { aggregateVector } from './vector-aggregation.js';

/** Evaluates a metric expression at every step of `ctx.grid`. */
export async function evaluateMetric(expr: MetricExpr, ctx: EvalContext): Promise<StepValue> {
  const steps = ctx.grid.count;
  switch (expr.kind) {
    case 'Literal':
      return { kind: 'scalar', value: expr.value };
    case 'VectorExpr':
      return { kind: 'matrix', series: [constantSeries(expr.value, steps)] };
    case 'RangeAggregation':
      return { kind: 'matrix', series: await evaluateRangeAggregation(expr, ctx) };
    case 'VectorAggregation': {
      const range = expr.expr;
      const inner =
        range.kind === 'RangeAggregation' ? await evaluateInjected(range, expr.op, expr.grouping, ctx) : toSeries(await evaluateMetric(range, ctx), steps);
      return { kind: 'matrix', series: aggregateVector(expr, inner, steps) };
    }
    case 'LabelReplace': {
      const inner = toSeries(await evaluateMetric(expr.expr, ctx), steps);
      return { kind: 'matrix', series: applyLabelReplace(expr, inner, steps) };
    }
    case 'BinOp': {
      const [left, right] = await Promise.all([evaluateMetric(expr.left, ctx), evaluateMetric(expr.right, ctx)]);
      return applyBinaryOp(expr, left, right, steps);
    }
  }
}

/**
 * A range aggregation under a vector aggregation, with the grouping injected
 * where that keeps the answer. Where Loki would not inject (max/min), a
 * pipeline error is reported as Loki reports it: the evaluation is repeated
 * without injection so the failing series carries all its labels.
 */
async function evaluateInjected(range: RangeAggregation, op: string, grouping: Grouping | undefined, ctx: EvalContext): Promise<readonly StepSeries[]> {
  const injected = injectableGrouping(op, range, grouping);
  if (injected === undefined || op === 'sum') return evaluateRangeAggregation(range, ctx, injected);
  try {
    return await evaluateRangeAggregation(range, ctx, injected);
  } catch (err) {
    if (!(err instanceof WatchpostError) || err.code !== 'ERR_QUERY_PIPELINE') throw err;
    return evaluateRangeAggregation(range, ctx);
  }
}

/** A scalar used where a vector is expected becomes one `{}` series at every step. */
export function toSeries(value: StepValue, steps: number): readonly StepSeries[] {
  return value.kind === 'matrix' ? value.series : [constantSeries(value.value, steps)];
}

function constantSeries(value: number, steps: number): StepSeries {
  const series = createStepSeries({}, '{}', steps);
  series.values.fill(value);
  series.present.fill(1);
  return series;
}
