/**
 * Go's `regexp` "All" iteration and `$` expansion over a translated Go
 * regexp: `FindAllStringSubmatchIndex` (an empty match right after a match
 * is skipped, as Go does) and `ReplaceAllString` / `ReplaceAllLiteralString`
 * (`$1`, `${1}`, `$name`, `${name}`, `$$`).
 */
import { compileGoRegex, type GoRegex } from '../../logql/index.js';

/** A Go regexp ready for repeated searches from a position (JS flags `gdu`). */
export interface SearchableRegex {
  readonly regexp: RegExp;
  readonly groupNames: readonly (string | undefined)[];
}

export function toSearchable(re: GoRegex): SearchableRegex {
  return { regexp: new RegExp(re.regexp.source, 'gdu'), groupNames: re.groupNames };
}

const compiled = new Map<string, SearchableRegex>();

/**
 * regexp.MustCompile for template functions, with a small cache (templates
 * call it once per line). A bad pattern throws (a panic in Go, which the
 * template engine reports as a call error).
 */
export function compileSearchable(pattern: string): SearchableRegex {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = toSearchable(compileGoRegex(pattern));
    if (compiled.size >= 256) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** Every match as Go's [start, end, g1start, g1end, …] (-1 for groups that did not take part). */
export function findAllSubmatchIndex(re: SearchableRegex, input: string): number[][] {
  const out: number[][] = [];
  const { regexp } = re;
  let pos = 0;
  let prevMatchEnd = -1;
  while (pos <= input.length) {
    regexp.lastIndex = pos;
    const m = regexp.exec(input);
    if (m === null || m.indices === undefined) break;
    const [start, end] = m.indices[0] as [number, number];
    let accept = true;
    if (end === pos) {
      // An empty match at pos: not allowed right after the previous match.
      if (start === prevMatchEnd) accept = false;
      const code = input.codePointAt(pos);
      pos += code === undefined ? 1 : code > 0xffff ? 2 : 1;
    } else {
      pos = end;
    }
    prevMatchEnd = end;
    if (accept) out.push(m.indices.flatMap((pair) => (pair === undefined ? [-1, -1] : [pair[0], pair[1]])));
  }
  return out;
}

/** Go's regexp `extract`: the name after `$` (braced or not), its number (-1 if not a number), the rest. */
function extractName(text: string): { name: string; num: number; rest: string } | undefined {
  let str = text;
  const brace = str.startsWith('{');
  if (brace) str = str.slice(1);
  const m = /^[\p{L}\p{Nd}_]+/u.exec(str);
  if (m === null) return undefined;
  const name = m[0];
  let i = name.length;
  if (brace) {
    if (str[i] !== '}') return undefined;
    i++;
  }
  let num = /^\d+$/.test(name) && name.length <= 8 ? Number(name) : -1;
  if (name.length > 1 && name[0] === '0') num = -1;
  return { name, num, rest: str.slice(i) };
}

/** Go's `Regexp.expand`: the replacement for one match. */
export function expandGoTemplate(re: SearchableRegex, template: string, src: string, match: readonly number[]): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = extractName(rest);
    if (ref === undefined) {
      out += '$';
      continue;
    }
    rest = ref.rest;
    let group = ref.num;
    if (group < 0) group = re.groupNames.findIndex((n, i) => i > 0 && n === ref.name);
    if (group >= 0 && 2 * group + 1 < match.length && (match[2 * group] as number) >= 0) {
      out += src.slice(match[2 * group], match[2 * group + 1]);
    }
  }
  return out + rest;
}

/** Go's `ReplaceAllString` (or `ReplaceAllLiteralString` when `literal`). */
export function goReplaceAll(re: SearchableRegex, src: string, replacement: string, literal: boolean): string {
  let out = '';
  let last = 0;
  for (const match of findAllSubmatchIndex(re, src)) {
    out += src.slice(last, match[0]);
    out += literal ? replacement : expandGoTemplate(re, replacement, src, match);
    last = match[1] as number;
  }
  return out + src.slice(last);
}
