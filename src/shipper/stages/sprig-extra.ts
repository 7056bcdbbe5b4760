/**
 * Sprig (Masterminds/sprig v3 TxtFuncMap) text functions promtail templates
 * commonly use that the shared subset in src/core/gotemplate does not carry:
 * quoting, hashing, lists, regexps, paths, JSON. Semantics follow sprig's
 * sources (e.g. `regexMatch` is false on a bad pattern, `regexFind` fails).
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { defineFunc, formatValue, type FuncMap, type GoValue } from '../../core/gotemplate/index.js';
import { quoteGoString } from '../../core/index.js';
import { encodeGoJson } from './go-values.js';
import { compileSearchable, findAllSubmatchIndex, type SearchableRegex } from './go-regex-all.js';

/** sprig's strval: strings as they are, anything else as fmt's %v. */
function strval(v: GoValue): string {
  return typeof v === 'string' ? v : formatValue(v);
}

/** sprig's strslice: a list's items as strings (nil items dropped), else the one value. */
function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return (v as readonly GoValue[]).filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function isEmpty(v: GoValue): boolean {
  if (v === null || v === undefined || v === false || v === '' || v === 0 || v === 0n) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.keys(v).length === 0;
  return false;
}

function limitList<T>(items: T[], n: bigint): T[] {
  return n < 0n ? items : items.slice(0, Number(n));
}

/** Go's regexp.Split(s, n). */
function regexSplit(re: SearchableRegex, s: string, n: bigint): string[] {
  if (n === 0n) return [];
  if (re.regexp.source !== '(?:)' && s === '') return [''];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of limitList(findAllSubmatchIndex(re, s), n)) {
    if (n > 0n && out.length === Number(n) - 1) break;
    end = m[0] as number;
    if ((m[1] as number) !== 0) out.push(s.slice(beg, end));
    beg = m[1] as number;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Go's path.Clean. */
function goPathClean(s: string): string {
  if (s === '') return '.';
  const normalized = posix.normalize(s);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** Go's path.Base. */
function goPathBase(s: string): string {
  if (s === '') return '.';
  const trimmed = s.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function adler32(text: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(text, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export const sprigExtraFuncs: FuncMap = {
  quote: defineFunc([], (...v: GoValue[]) => v.filter((x) => x !== null && x !== undefined).map((x) => quoteGoString(strval(x))).join(' '), 'any'),
  squote: defineFunc([], (...v: GoValue[]) => v.filter((x) => x !== null && x !== undefined).map((x) => `'${strval(x)}'`).join(' '), 'any'),
  cat: defineFunc([], (...v: GoValue[]) => v.filter((x) => x !== null && x !== undefined).map((x) => formatValue(x)).join(' '), 'any'),
  nospace: defineFunc(['string'], (s: string) => s.replace(/\s/gu, '')),
  abbrev: defineFunc(['int', 'string'], (width: bigint, s: string) => (width < 4n || [...s].length <= width ? s : `${[...s].slice(0, Number(width) - 3).join('')}...`)),
  toString: defineFunc(['any'], (v: GoValue) => strval(v)),
  atoi: defineFunc(['string'], (s: string) => (/^[+-]?\d+$/.test(s) ? BigInt.asIntN(64, BigInt(s)) : 0n)),
  sha256sum: defineFunc(['string'], (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')),
  sha1sum: defineFunc(['string'], (s: string) => createHash('sha1').update(s, 'utf8').digest('hex')),
  adler32sum: defineFunc(['string'], (s: string) => String(adler32(s))),
  join: defineFunc(['string', 'any'], (sep: string, v: GoValue) => strslice(v).join(sep)),
  splitList: defineFunc(['string', 'string'], (sep: string, s: string) => s.split(sep)),
  split: defineFunc(['string', 'string'], (sep: string, s: string) => Object.fromEntries(s.split(sep).map((part, i) => [`_${i}`, part]))),
  list: defineFunc([], (...v: GoValue[]) => v, 'any'),
  first: defineFunc(['any'], (v: GoValue) => (Array.isArray(v) && v.length > 0 ? (v[0] as GoValue) : null)),
  last: defineFunc(['any'], (v: GoValue) => (Array.isArray(v) && v.length > 0 ? (v[v.length - 1] as GoValue) : null)),
  empty: defineFunc(['any'], (v: GoValue) => isEmpty(v)),
  coalesce: defineFunc([], (...v: GoValue[]) => v.find((x) => !isEmpty(x)) ?? null, 'any'),
  ternary: defineFunc(['any', 'any', 'bool'], (yes: GoValue, no: GoValue, cond: boolean) => (cond ? yes : no)),
  regexMatch: defineFunc(['string', 'string'], (pattern: string, s: string) => {
    let re: SearchableRegex;
    try {
      re = compileSearchable(pattern);
    } catch {
      return false;
    }
    re.regexp.lastIndex = 0;
    return re.regexp.test(s);
  }),
  regexFind: defineFunc(['string', 'string'], (pattern: string, s: string) => {
    const m = findAllSubmatchIndex(compileSearchable(pattern), s)[0];
    return m === undefined ? '' : s.slice(m[0], m[1]);
  }),
  regexFindAll: defineFunc(['string', 'string', 'int'], (pattern: string, s: string, n: bigint) =>
    limitList(findAllSubmatchIndex(compileSearchable(pattern), s), n).map((m) => s.slice(m[0], m[1])),
  ),
  regexSplit: defineFunc(['string', 'string', 'int'], (pattern: string, s: string, n: bigint) => regexSplit(compileSearchable(pattern), s, n)),
  regexQuoteMeta: defineFunc(['string'], (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
  base: defineFunc(['string'], (s: string) => goPathBase(s)),
  dir: defineFunc(['string'], (s: string) => goPathClean(s.slice(0, s.lastIndexOf('/') + 1))),
  ext: defineFunc(['string'], (s: string) => {
    const dot = s.lastIndexOf('.');
    return dot > s.lastIndexOf('/') ? s.slice(dot) : '';
  }),
  clean: defineFunc(['string'], (s: string) => goPathClean(s)),
  toJson: defineFunc(['any'], (v: GoValue) => encodeGoJson(v)),
  uuidv4: defineFunc([], () => crypto.randomUUID()),
};
