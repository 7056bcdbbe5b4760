import { loadGoLocation, parseGoTime } from '../go/time-layout.js';
import { defineFunc, type FuncMap } from './funcs.js';
import { castToFloat64, castToInt64, decimalAdd, decimalDiv, decimalMul, decimalSub, isEmptyValue } from './sprig-cast.js';
import { GoTime, type GoValue } from './values.js';

/**
 * The sprig (Masterminds/sprig v3) functions Loki exposes to line_format and
 * label_format (logql.md §8.3), with sprig's argument order ("pipeline
 * last") and its lenient conversions. Other consumers pick from this map.
 */
export const sprigFuncs: FuncMap = {
  b64enc: defineFunc(['string'], (s: string) => Buffer.from(s, 'utf8').toString('base64')),
  b64dec: defineFunc(['string'], (s: string) => base64Decode(s)),
  lower: defineFunc(['string'], (s: string) => s.toLowerCase()),
  upper: defineFunc(['string'], (s: string) => s.toUpperCase()),
  title: defineFunc(['string'], (s: string) => goTitle(s)),
  trunc: defineFunc(['int', 'string'], (c: bigint, s: string) => truncRunes(Number(c), s)),
  substr: defineFunc(['int', 'int', 'string'], (start: bigint, end: bigint, s: string) => substring(Number(start), Number(end), s)),
  contains: defineFunc(['string', 'string'], (sub: string, s: string) => s.includes(sub)),
  hasPrefix: defineFunc(['string', 'string'], (p: string, s: string) => s.startsWith(p)),
  hasSuffix: defineFunc(['string', 'string'], (p: string, s: string) => s.endsWith(p)),
  indent: defineFunc(['int', 'string'], (n: bigint, s: string) => indent(Number(n), s)),
  nindent: defineFunc(['int', 'string'], (n: bigint, s: string) => `\n${indent(Number(n), s)}`),
  replace: defineFunc(['string', 'string', 'string'], (o: string, n: string, s: string) => goReplace(s, o, n, -1)),
  repeat: defineFunc(['int', 'string'], (n: bigint, s: string) => {
    if (n < 0n) throw new Error('strings: negative Repeat count');
    // Go would try to allocate anything; a line or label over 64 MiB is refused instead.
    if (n * BigInt(s.length) > 64n * 1024n * 1024n) throw new Error('strings: Repeat output length overflow');
    return s.repeat(Number(n));
  }),
  trim: defineFunc(['string'], (s: string) => goTrimSpace(s)),
  trimAll: defineFunc(['string', 'string'], (cut: string, s: string) => goTrim(s, cut, true, true)),
  trimSuffix: defineFunc(['string', 'string'], (suf: string, s: string) => (suf !== '' && s.endsWith(suf) ? s.slice(0, -suf.length) : s)),
  trimPrefix: defineFunc(['string', 'string'], (pre: string, s: string) => (s.startsWith(pre) ? s.slice(pre.length) : s)),
  int: defineFunc(['any'], (v: GoValue) => castToInt64(v)),
  float64: defineFunc(['any'], (v: GoValue) => castToFloat64(v)),
  add: defineFunc([], (...v: GoValue[]) => BigInt.asIntN(64, v.reduce<bigint>((a, b) => a + castToInt64(b), 0n)), 'any'),
  sub: defineFunc(['any', 'any'], (a: GoValue, b: GoValue) => BigInt.asIntN(64, castToInt64(a) - castToInt64(b))),
  mul: defineFunc(['any'], (a: GoValue, ...v: GoValue[]) => BigInt.asIntN(64, v.reduce<bigint>((x, y) => x * castToInt64(y), castToInt64(a))), 'any'),
  div: defineFunc(['any', 'any'], (a: GoValue, b: GoValue) => {
    const d = castToInt64(b);
    if (d === 0n) throw new Error('runtime error: integer divide by zero');
    return BigInt.asIntN(64, castToInt64(a) / d);
  }),
  mod: defineFunc(['any', 'any'], (a: GoValue, b: GoValue) => {
    const d = castToInt64(b);
    if (d === 0n) throw new Error('runtime error: integer divide by zero');
    return castToInt64(a) % d;
  }),
  addf: defineFunc([], (...v: GoValue[]) => decimalAdd(v.map(castToFloat64)), 'any'),
  subf: defineFunc(['any'], (a: GoValue, ...v: GoValue[]) => decimalSub(castToFloat64(a), v.map(castToFloat64)), 'any'),
  mulf: defineFunc(['any'], (a: GoValue, ...v: GoValue[]) => decimalMul(castToFloat64(a), v.map(castToFloat64)), 'any'),
  divf: defineFunc(['any'], (a: GoValue, ...v: GoValue[]) => decimalDiv(castToFloat64(a), v.map(castToFloat64)), 'any'),
  max: defineFunc(['any'], (a: GoValue, ...v: GoValue[]) => v.reduce<bigint>((m, x) => (castToInt64(x) > m ? castToInt64(x) : m), castToInt64(a)), 'any'),
  min: defineFunc(['any'], (a: GoValue, ...v: GoValue[]) => v.reduce<bigint>((m, x) => (castToInt64(x) < m ? castToInt64(x) : m), castToInt64(a)), 'any'),
  maxf: defineFunc(['any'], (a: GoValue, ...v: GoValue[]) => v.reduce<number>((m, x) => Math.max(m, castToFloat64(x)), castToFloat64(a)), 'any'),
  minf: defineFunc(['any'], (a: GoValue, ...v: GoValue[]) => v.reduce<number>((m, x) => Math.min(m, castToFloat64(x)), castToFloat64(a)), 'any'),
  ceil: defineFunc(['any'], (a: GoValue) => Math.ceil(castToFloat64(a))),
  floor: defineFunc(['any'], (a: GoValue) => Math.floor(castToFloat64(a))),
  round: defineFunc(['any', 'int'], (a: GoValue, p: bigint, ...r: GoValue[]) => sprigRound(castToFloat64(a), Number(p), r.length > 0 ? castToFloat64(r[0]) : 0.5), 'float64'),
  fromJson: defineFunc(['string'], (s: string) => fromJson(s)),
  date: defineFunc(['string', 'any'], (layout: string, d: GoValue) => toTime(d).format(layout)),
  toDate: defineFunc(['string', 'string'], (layout: string, s: string) => {
    const loc = loadGoLocation('Local');
    const r = parseGoTime(layout, s, loc);
    return r.ok ? new GoTime(r.value, loc) : GoTime.zero();
  }),
  now: defineFunc([], () => nowTime()),
  unixEpoch: defineFunc(['time'], (t: GoTime) => t.unix().toString()),
  default: defineFunc(['any'], (d: GoValue, ...given: GoValue[]) => (given.length === 0 || isEmptyValue(given[0]) ? d : (given[0] as GoValue)), 'any'),
};

function nowTime(): GoTime {
  const ms = BigInt(Date.now());
  return new GoTime(ms * 1_000_000n, loadGoLocation('Local'));
}

/** sprig formatDate's accepted inputs: time.Time, Unix seconds (ints), else now. */
function toTime(d: GoValue): GoTime {
  const loc = loadGoLocation('Local');
  if (d instanceof GoTime) return new GoTime(d.unixNs, loc);
  if (typeof d === 'bigint') return new GoTime(d * 1_000_000_000n, loc);
  return nowTime();
}

function fromJson(s: string): GoValue {
  try {
    return JSON.parse(s) as GoValue;
  } catch {
    return null;
  }
}

function sprigRound(val: number, places: number, roundOn: number): number {
  const pow = 10 ** places;
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

function base64Decode(s: string): string {
  const m = /[^A-Za-z0-9+/=]/.exec(s);
  if (m !== null) return `illegal base64 data at input byte ${m.index}`;
  const pad = s.indexOf('=');
  if (s.length % 4 !== 0 || (pad >= 0 && !/^=+$/.test(s.slice(pad))) || s.length - (pad < 0 ? s.length : pad) > 2) {
    return `illegal base64 data at input byte ${pad >= 0 ? pad : s.length - (s.length % 4)}`;
  }
  return Buffer.from(s, 'base64').toString('utf8');
}

/** strings.Title. */
export function goTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isTitleSeparator(prev) ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function isTitleSeparator(ch: string): boolean {
  const c = ch.codePointAt(0) as number;
  if (c <= 0x7f) return !/[A-Za-z0-9_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

function truncRunes(c: number, s: string): string {
  const runes = [...s];
  const l = runes.length;
  if (c < 0 && l + c > 0) return runes.slice(l + c).join('');
  if (c >= 0 && l > c) return runes.slice(0, c).join('');
  return s;
}

function substring(start: number, end: number, s: string): string {
  const runes = [...s];
  const l = runes.length;
  if (end > l) end = l;
  if (start > l) start = l;
  if (start < 0) return end < 0 ? '' : runes.slice(0, end).join('');
  if (end < 0) return runes.slice(start).join('');
  if (start > end) return '';
  return runes.slice(start, end).join('');
}

const maxOutputChars = 64 * 1024 * 1024;

function indent(n: number, s: string): string {
  if (n > maxOutputChars) throw new Error('strings: Repeat output length overflow');
  const pad = ' '.repeat(Math.max(0, n));
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/** strings.Replace(s, old, new, n); n < 0 replaces all. */
export function goReplace(s: string, old: string, rep: string, n: number): string {
  if (n === 0 || old === rep) return s;
  if (old === '') {
    const runes = [...s];
    let out = '';
    let done = 0;
    for (let i = 0; i <= runes.length; i++) {
      if (n < 0 || done < n) {
        out += rep;
        done++;
      }
      if (i < runes.length) out += runes[i];
    }
    return out;
  }
  if (n < 0) return s.split(old).join(rep);
  let out = '';
  let pos = 0;
  for (let done = 0; done < n; done++) {
    const at = s.indexOf(old, pos);
    if (at < 0) break;
    out += s.slice(pos, at) + rep;
    pos = at + old.length;
  }
  return out + s.slice(pos);
}

const goSpace = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  return s.replace(goSpace, '');
}

/** strings.Trim / TrimLeft / TrimRight with a cutset of runes. */
export function goTrim(s: string, cutset: string, left: boolean, right: boolean): string {
  if (s === '' || cutset === '') return s;
  const set = new Set([...cutset]);
  const runes = [...s];
  let a = 0;
  let b = runes.length;
  if (left) while (a < b && set.has(runes[a] as string)) a++;
  if (right) while (b > a && set.has(runes[b - 1] as string)) b--;
  return runes.slice(a, b).join('');
}
