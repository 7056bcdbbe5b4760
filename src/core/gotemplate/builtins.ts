import { goSprint, goSprintf, goSprintln } from './format.js';
import { defineFunc, type FuncMap } from './funcs.js';
import { goTypeName, GoTime, isAnyMap, isStringMap, isTrue, mapGet, mapKeys, type GoValue } from './values.js';

/**
 * Go text/template's predefined functions (and/or are evaluated lazily by
 * the executor). Comparison errors use Go's wording.
 */
export const goBuiltins: FuncMap = {
  and: defineFunc(['any'], () => null, 'any'),
  or: defineFunc(['any'], () => null, 'any'),
  not: defineFunc(['any'], (v: GoValue) => !isTrue(v)),
  len: defineFunc(['any'], (v: GoValue) => goLen(v)),
  index: defineFunc(['any'], (item: GoValue, ...indexes: GoValue[]) => goIndex(item, indexes), 'any'),
  slice: defineFunc(['any'], (item: GoValue, ...indexes: GoValue[]) => goSlice(item, indexes), 'any'),
  print: defineFunc([], (...args: GoValue[]) => goSprint(args), 'any'),
  printf: defineFunc(['string'], (format: string, ...args: GoValue[]) => goSprintf(format, args), 'any'),
  println: defineFunc([], (...args: GoValue[]) => goSprintln(args), 'any'),
  html: defineFunc([], (...args: GoValue[]) => htmlEscape(evalArgs(args)), 'any'),
  js: defineFunc([], (...args: GoValue[]) => jsEscape(evalArgs(args)), 'any'),
  urlquery: defineFunc([], (...args: GoValue[]) => queryEscape(evalArgs(args)), 'any'),
  call: defineFunc(['any'], (fn: GoValue, ...args: GoValue[]) => {
    if (typeof fn !== 'function') throw new Error(`non-function of type ${goTypeName(fn)}`);
    return fn(...args);
  }, 'any'),
  eq: defineFunc(['any'], (a: GoValue, ...rest: GoValue[]) => {
    if (rest.length === 0) throw new Error('missing argument for comparison');
    return rest.some((b) => compare(a, b, true) === 0);
  }, 'any'),
  ne: defineFunc(['any', 'any'], (a: GoValue, b: GoValue) => compare(a, b, true) !== 0),
  lt: defineFunc(['any', 'any'], (a: GoValue, b: GoValue) => compare(a, b, false) < 0),
  le: defineFunc(['any', 'any'], (a: GoValue, b: GoValue) => compare(a, b, false) <= 0),
  gt: defineFunc(['any', 'any'], (a: GoValue, b: GoValue) => compare(a, b, false) > 0),
  ge: defineFunc(['any', 'any'], (a: GoValue, b: GoValue) => compare(a, b, false) >= 0),
};

type Kind = 'bool' | 'int' | 'float' | 'string' | 'other';

function basicKind(v: GoValue): Kind {
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float';
    case 'string': return 'string';
    default: return 'other';
  }
}

/** Go's eq/lt ordering: -1, 0, 1 (NaN compares unequal); throws Go's comparison errors. */
function compare(a: GoValue, b: GoValue, equality: boolean): number {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'other' || kb === 'other') {
    if (equality && (a === null || a === undefined || b === null || b === undefined)) {
      if ((a === null || a === undefined) && (b === null || b === undefined)) return 0;
      throw new Error('incompatible types for comparison');
    }
    if (equality && a instanceof GoTime && b instanceof GoTime) return a.unixNs === b.unixNs ? 0 : 1;
    if (equality && (ka === 'other') !== (kb === 'other')) throw new Error('incompatible types for comparison');
    throw new Error(equality ? 'non-comparable types' : 'invalid type for comparison');
  }
  if (ka !== kb) throw new Error('incompatible types for comparison');
  if (ka === 'bool') {
    if (!equality) throw new Error('invalid type for comparison');
    return a === b ? 0 : 1;
  }
  if (ka === 'float' && (Number.isNaN(a) || Number.isNaN(b))) return equality ? 1 : NaN;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function goLen(v: GoValue): bigint {
  if (typeof v === 'string') return BigInt(Buffer.byteLength(v, 'utf8'));
  if (Array.isArray(v)) return BigInt(v.length);
  if (isAnyMap(v)) return BigInt(mapKeys(v).length);
  throw new Error(`len of type ${goTypeName(v)}`);
}

function toIndex(v: GoValue): number {
  if (typeof v === 'bigint') return Number(v);
  throw new Error(`cannot index slice/array with type ${goTypeName(v)}`);
}

function goIndex(item: GoValue, indexes: readonly GoValue[]): GoValue {
  if (item === null || item === undefined) throw new Error('index of untyped nil');
  let v: GoValue = item;
  for (const ix of indexes) {
    if (Array.isArray(v) || typeof v === 'string') {
      const i = toIndex(ix);
      const len = typeof v === 'string' ? Buffer.byteLength(v) : v.length;
      if (i < 0 || i >= len) throw new Error(`index out of range: ${i}`);
      v = typeof v === 'string' ? BigInt(Buffer.from(v)[i] as number) : (v[i] as GoValue);
    } else if (isAnyMap(v)) {
      if (typeof ix !== 'string') throw new Error(`value has type ${goTypeName(ix)}; should be string`);
      const got = mapGet(v, ix);
      v = got === undefined ? (isStringMap(v) ? '' : null) : got;
    } else if (v === null || v === undefined) {
      throw new Error('index of nil pointer');
    } else throw new Error(`can't index item of type ${goTypeName(v)}`);
  }
  return v;
}

function goSlice(item: GoValue, indexes: readonly GoValue[]): GoValue {
  if (item === null || item === undefined) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  if (typeof item !== 'string' && !Array.isArray(item)) throw new Error(`can't slice item of type ${goTypeName(item)}`);
  const bytes = typeof item === 'string' ? Buffer.from(item, 'utf8') : undefined;
  const len = bytes !== undefined ? bytes.length : (item as GoValue[]).length;
  const idx = indexes.map(toIndex);
  const lo = idx[0] ?? 0;
  const hi = idx[1] ?? len;
  if (lo < 0 || hi > len) throw new Error(`index out of range: ${lo < 0 ? lo : hi}`);
  if (lo > hi) throw new Error(`invalid slice index: ${lo} > ${hi}`);
  if (bytes !== undefined) return bytes.subarray(lo, hi).toString('utf8');
  return (item as GoValue[]).slice(lo, hi);
}

/** text/template evalArgs: a lone string as is, otherwise fmt.Sprint. */
function evalArgs(args: readonly GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return goSprint(args);
}

/** template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[<>&'"\0]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' })[c] as string);
}

/** template.JSEscapeString. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '\\': out += '\\\\'; continue;
      case "'": out += "\\'"; continue;
      case '"': out += '\\"'; continue;
      case '<': out += '\\u003C'; continue;
      case '>': out += '\\u003E'; continue;
      case '&': out += '\\u0026'; continue;
      case '=': out += '\\u003D'; continue;
      default:
    }
    if (c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
