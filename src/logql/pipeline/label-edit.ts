import type { NamedLabel } from '../syntax/ast.js';
import { errorDetailsLabel, errorLabel } from './labels-builder.js';
import { compileMatcher } from './matcher.js';
import type { Stage } from './stage.js';

/**
 * `| drop a, b="v"` (logql.md §8.4): bare names are removed; a matcher form
 * removes the label only when its current value matches. `__error__` and
 * `__error_details__` can be dropped.
 */
export function createDropStage(labels: readonly NamedLabel[]): Stage {
  const items = labels.map((l) => ({ name: l.name, match: l.matcher === undefined ? undefined : compileMatcher(l.matcher) }));
  return {
    process(_tsNs, line, lbs) {
      for (const item of items) {
        if (item.match !== undefined && !item.match(lbs.get(item.name) ?? '')) continue;
        lbs.delete(item.name);
      }
      return line;
    },
  };
}

/**
 * `| keep a, b="v"`: only the listed labels stay (a matcher form keeps its
 * label only when the value matches); `__error__`/`__error_details__` always stay.
 */
export function createKeepStage(labels: readonly NamedLabel[]): Stage {
  const plain = new Set<string>();
  const conditional = new Map<string, ((value: string) => boolean)[]>();
  for (const l of labels) {
    if (l.matcher === undefined) plain.add(l.name);
    else {
      const list = conditional.get(l.name) ?? [];
      list.push(compileMatcher(l.matcher));
      conditional.set(l.name, list);
    }
  }
  return {
    process(_tsNs, line, lbs) {
      if (labels.length === 0) return line;
      const current = lbs.labels();
      for (const name of Object.keys(current)) {
        if (name === errorLabel || name === errorDetailsLabel || plain.has(name)) continue;
        const tests = conditional.get(name);
        if (tests !== undefined && tests.some((t) => t(current[name] as string))) continue;
        lbs.delete(name);
      }
      return line;
    },
  };
}

// Loki's ansiPattern (from acarl005/stripansi).
// eslint-disable-next-line no-control-regex
const ansiRegex = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:[a-zA-Z\d]*(?:;[a-zA-Z\d]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PRZcf-ntqry=><~]))/g;

/** `| decolorize`: removes ANSI escape sequences from the line. */
export function createDecolorizeStage(): Stage {
  return {
    process(_tsNs, line) {
      if (!line.includes('\u001b') && !line.includes('\u009b')) return line;
      return line.replace(ansiRegex, '');
    },
  };
}
