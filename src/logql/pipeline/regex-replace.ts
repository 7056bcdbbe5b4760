import type { GoRegex } from './regex.js';

/**
 * Go regexp's ReplaceAllString / ReplaceAllLiteralString / FindAllStringIndex
 * iteration: an empty match right after the previous match is skipped, and
 * the search advances one character past an empty match.
 */
export function forEachGoMatch(re: GoRegex, s: string, visit: (m: RegExpExecArray) => void): void {
  const g = new RegExp(re.regexp.source, re.regexp.flags.includes('g') ? re.regexp.flags : `${re.regexp.flags}g`);
  let prevEnd = -1;
  let pos = 0;
  while (pos <= s.length) {
    g.lastIndex = pos;
    const m = g.exec(s);
    if (m === null) break;
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      if (m.index !== prevEnd) visit(m);
      const cp = s.codePointAt(m.index);
      pos = m.index + (cp !== undefined && cp > 0xffff ? 2 : 1);
    } else {
      visit(m);
      pos = end;
    }
    prevEnd = end;
  }
}

/** Go's Regexp.Expand of `$1`, `${1}`, `$name`, `${name}`, `$$` for one match. */
export function expandGoTemplate(template: string, m: RegExpExecArray, groupNames: readonly (string | undefined)[]): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string | undefined;
    if (template[i] === '{') {
      const close = template.indexOf('}', i);
      const inner = close < 0 ? '' : template.slice(i + 1, close);
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(inner)) {
        name = inner;
        i = close + 1;
      }
    } else {
      const word = /^[A-Za-z0-9_]+/.exec(template.slice(i));
      if (word !== null) {
        name = word[0];
        i += name.length;
      }
    }
    if (name === undefined) {
      out += '$';
      continue;
    }
    if (/^[0-9]+$/.test(name)) {
      const n = Number(name);
      if (n < m.length) out += m[n] ?? '';
    } else {
      const idx = groupNames.indexOf(name);
      if (idx > 0) out += m[idx] ?? '';
    }
  }
  return out;
}

/** Go's ReplaceAllString (`literal` false) or ReplaceAllLiteralString (`literal` true). */
export function goReplaceAll(re: GoRegex, s: string, repl: string, literal: boolean): string {
  let out = '';
  let last = 0;
  forEachGoMatch(re, s, (m) => {
    out += s.slice(last, m.index) + (literal ? repl : expandGoTemplate(repl, m, re.groupNames));
    last = m.index + m[0].length;
  });
  return out + s.slice(last);
}

/** len(FindAllStringIndex(s, -1)). */
export function countGoMatches(re: GoRegex, s: string): number {
  let n = 0;
  forEachGoMatch(re, s, () => n++);
  return n;
}
