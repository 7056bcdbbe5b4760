import { parseBytes, parseGoDuration, parseGoFloat } from '../../core/go/index.js';
import type { ComparisonOp, LabelFilter } from '../syntax/ast.js';
import { pipelineErrors } from './errors.js';
import { compileIpMatcher } from './ip.js';
import type { LabelsBuilder } from './labels-builder.js';
import { compileMatcher } from './matcher.js';

/** A compiled label filter: false drops the line. May set `__error__`. */
export type LabelPredicate = (lbs: LabelsBuilder) => boolean;

/**
 * Compiles a label filter tree (logql.md §7). String matchers compare a
 * missing label as `""` and are the only predicates that look at a line that
 * already has an error; typed predicates drop lines without the label and
 * keep lines whose value does not convert, marking them `LabelFilterErr`.
 * `and` evaluates both sides (errors from either are recorded), `or` stops at
 * the first success, as Loki's BinaryLabelFilter does.
 */
export function compileLabelFilter(filter: LabelFilter): LabelPredicate {
  switch (filter.kind) {
    case 'StringLabelFilter': {
      const name = filter.matcher.name;
      const match = compileMatcher(filter.matcher);
      return (lbs) => match(lbs.get(name) ?? '');
    }
    case 'NumericLabelFilter':
      return typedFilter(filter.name, filter.op, filter.value, parseGoFloat);
    case 'DurationLabelFilter':
      return typedFilter(filter.name, filter.op, filter.valueNs, parseGoDuration);
    case 'BytesLabelFilter':
      return typedFilter(filter.name, filter.op, filter.bytes, parseBytes);
    case 'IpLabelFilter': {
      const matcher = compileIpMatcher(filter.pattern);
      const equal = filter.op === '=';
      const name = filter.name;
      return (lbs) => {
        if (lbs.hasErr) return true;
        const value = lbs.get(name);
        if (value === undefined) return false;
        return matcher(value) === equal;
      };
    }
    case 'BinaryLabelFilter': {
      const left = compileLabelFilter(filter.left);
      const right = compileLabelFilter(filter.right);
      if (filter.op === 'or') return (lbs) => left(lbs) || right(lbs);
      return (lbs) => {
        const l = left(lbs);
        const r = right(lbs);
        return l && r;
      };
    }
    default:
      throw new Error(`unknown label filter ${(filter as { kind: string }).kind}`);
  }
}

type Parse = (text: string) => { ok: true; value: number } | { ok: false; error: string };

function typedFilter(name: string, op: ComparisonOp, want: number, parse: Parse): LabelPredicate {
  const compare = compileComparison(op, want);
  return (lbs) => {
    if (lbs.hasErr) return true;
    const text = lbs.get(name);
    if (text === undefined) return false;
    const parsed = parse(text);
    if (!parsed.ok) {
      lbs.setErr(pipelineErrors.labelFilter, parsed.error);
      return true;
    }
    return compare(parsed.value);
  };
}

function compileComparison(op: ComparisonOp, want: number): (v: number) => boolean {
  switch (op) {
    case '>':
      return (v) => v > want;
    case '>=':
      return (v) => v >= want;
    case '<':
      return (v) => v < want;
    case '<=':
      return (v) => v <= want;
    case '!=':
      return (v) => v !== want;
    default:
      return (v) => v === want;
  }
}
