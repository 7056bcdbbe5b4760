import type { LineFilter, LineFilterValue } from '../syntax/ast.js';
import { compileIpMatcher, lineHasMatchingIp } from './ip.js';
import { compilePatternLineFilter } from './pattern.js';
import { compileGoRegex } from './regex.js';

export type LinePredicate = (line: string) => boolean;

/**
 * Compiles one line filter stage (logql.md §5): `|=` contains (indexOf),
 * `!=`, `|~` unanchored Go regex (literal regexes become contains), `!~`,
 * `|>`/`!>` patterns, `ip()` alternatives. `or` alternatives share the
 * operator: positive ops match if any alternative does, negative ops only
 * if none does.
 */
export function compileLineFilter(filter: LineFilter): LinePredicate {
  const positive = filter.op === '|=' || filter.op === '|~' || filter.op === '|>';
  // Loki chains `or` alternatives with newOrFilter, which drops an always-true
  // leg (`|= "" or "x"` is `|= "x"`); negative filters become an AND of negations.
  let values = filter.values;
  if (positive && values.length > 1 && filter.op !== '|>') {
    const kept = values.filter((v) => v.ip || v.value !== '');
    values = kept.length > 0 ? kept : [values[0] as LineFilterValue];
  }
  const tests = values.map((v): LinePredicate => {
    if (v.ip) {
      const m = compileIpMatcher(v.value);
      return (line) => lineHasMatchingIp(line, m);
    }
    switch (filter.op) {
      case '|=':
      case '!=':
        // `|= ""` keeps every line; `!= ""` is not(true) in Loki and drops every line.
        return containsTest(v.value);
      case '|~':
      case '!~': {
        const re = compileGoRegex(v.value);
        if (re.literal !== undefined) return containsTest(re.literal);
        const regexp = re.regexp;
        return (line) => regexp.test(line);
      }
      default:
        return compilePatternLineFilter(v.value);
    }
  });
  if (tests.length === 1) {
    const only = tests[0]!;
    return positive ? only : (line) => !only(line);
  }
  if (positive) {
    return (line) => {
      for (const t of tests) if (t(line)) return true;
      return false;
    };
  }
  return (line) => {
    for (const t of tests) if (t(line)) return false;
    return true;
  };
}

function containsTest(needle: string): LinePredicate {
  if (needle === '') return () => true;
  return (line) => line.includes(needle);
}

/** AND of several compiled filters, specialised for small counts. */
export function combineLinePredicates(preds: readonly LinePredicate[]): LinePredicate {
  if (preds.length === 1) return preds[0]!;
  if (preds.length === 2) {
    const [a, b] = preds as [LinePredicate, LinePredicate];
    return (line) => a(line) && b(line);
  }
  return (line) => {
    for (const p of preds) if (!p(line)) return false;
    return true;
  };
}
