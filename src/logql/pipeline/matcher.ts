import type { Labels } from '../../core/index.js';
import type { Matcher, StreamSelector } from '../syntax/ast.js';
import { compileGoRegex } from './regex.js';

/** A compiled label matcher: takes the label's value, `''` when the label is absent. */
export type ValueMatcher = (value: string) => boolean;

const metaChars = /[\\.+*?()|[\]{}^$]/;

/**
 * Compiles one matcher with Prometheus semantics (Loki uses Prometheus'
 * `labels.Matcher`): regexes are fully anchored and parsed with
 * `syntax.Perl|syntax.DotNL` (`.` matches `\n`); an absent label is `''`, so
 * `=""` matches streams without the label and `!=""` requires it. Common
 * regex shapes (literals, literal alternations, `.*`, `.+`, `.*lit.*`) skip
 * the regex engine. Invalid regexes throw Go's error text (ERR_LOGQL_PARSE).
 */
export function compileMatcher(m: Matcher): ValueMatcher {
  switch (m.op) {
    case '=': {
      const want = m.value;
      return (value) => value === want;
    }
    case '!=': {
      const want = m.value;
      return (value) => value !== want;
    }
    case '=~':
      return compileRegexValueMatcher(m.value);
    case '!~': {
      const positive = compileRegexValueMatcher(m.value);
      return (value) => !positive(value);
    }
    default:
      throw new Error(`unknown matcher operator ${String((m as Matcher).op)}`);
  }
}

function compileRegexValueMatcher(pattern: string): ValueMatcher {
  const fast = compileFastRegexMatcher(pattern);
  if (fast !== undefined) {
    // Still validate the pattern so callers get Go's parse errors.
    compileGoRegex(pattern, { dotNL: true, anchored: true });
    return fast;
  }
  const re = compileGoRegex(pattern, { dotNL: true, anchored: true }).regexp;
  return (value) => re.test(value);
}

function compileFastRegexMatcher(pattern: string): ValueMatcher | undefined {
  if (pattern === '.*') return () => true;
  if (pattern === '.+') return (value) => value.length > 0;
  if (!metaChars.test(pattern)) return (value) => value === pattern;
  const alternatives = pattern.split('|');
  if (alternatives.length > 1 && alternatives.every((a) => !metaChars.test(a))) {
    const set = new Set(alternatives);
    return (value) => set.has(value);
  }
  if (pattern.startsWith('.*') && pattern.endsWith('.*') && pattern.length > 4) {
    const inner = pattern.slice(2, -2);
    if (!metaChars.test(inner)) return (value) => value.includes(inner);
  }
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -2);
    if (!metaChars.test(prefix)) return (value) => value.startsWith(prefix);
  }
  if (pattern.startsWith('.*')) {
    const suffix = pattern.slice(2);
    if (!metaChars.test(suffix)) return (value) => value.endsWith(suffix);
  }
  return undefined;
}

/** True when the matcher accepts an absent label (its value `''`). */
export function matcherMatchesEmpty(m: Matcher): boolean {
  return compileMatcher(m)('');
}

/**
 * All of a selector's matchers as one predicate over a label set (AND).
 * Each label is read once per matcher; absent labels are `''`.
 */
export function compileSelectorMatchers(selector: StreamSelector | readonly Matcher[]): (labels: Labels) => boolean {
  const matchers = 'kind' in selector ? selector.matchers : selector;
  const compiled = matchers.map((m) => ({ name: m.name, match: compileMatcher(m) }));
  if (compiled.length === 1) {
    const only = compiled[0]!;
    return (labels) => only.match(valueOf(labels, only.name));
  }
  return (labels) => {
    for (const c of compiled) if (!c.match(valueOf(labels, c.name))) return false;
    return true;
  };
}

/** A label's value, `''` when absent (Object.prototype members are not labels). */
function valueOf(labels: Labels, name: string): string {
  const v = labels[name];
  return typeof v === 'string' ? v : '';
}
