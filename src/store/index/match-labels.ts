import type { Labels } from '../../core/index.js';
import type { Matcher, StreamSelector } from '../../logql/index.js';

/** A compiled label matcher: true when `labels` satisfies it (a missing label reads as ""). */
export type LabelPredicate = (labels: Labels) => boolean;

// TODO(#6): switch to compileSelectorMatchers from logql/pipeline once it is committed.
/**
 * Compiles one matcher with Prometheus semantics: regexes are fully anchored
 * and a leading `(?i)` makes them case-insensitive, as RE2 allows.
 */
export function compileLabelMatcher(matcher: Matcher): LabelPredicate {
  const { name, op, value } = matcher;
  if (op === '=') return (labels) => (labels[name] ?? '') === value;
  if (op === '!=') return (labels) => (labels[name] ?? '') !== value;
  let source = value;
  // No `s` flag: Go's `.` does not match \n by default either.
  let flags = '';
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    flags = 'i';
  }
  const re = new RegExp(`^(?:${source})$`, flags);
  if (op === '=~') return (labels) => re.test(labels[name] ?? '');
  return (labels) => !re.test(labels[name] ?? '');
}

/** All matchers of a selector AND-ed together. */
export function compileSelector(selector: StreamSelector): LabelPredicate {
  const predicates = selector.matchers.map(compileLabelMatcher);
  if (predicates.length === 0) return () => true;
  if (predicates.length === 1) return predicates[0] as LabelPredicate;
  return (labels) => {
    for (const p of predicates) if (!p(labels)) return false;
    return true;
  };
}
