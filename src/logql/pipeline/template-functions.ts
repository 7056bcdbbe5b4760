import { parseBytes, parseGoDuration } from '../../core/go/index.js';
import { loadGoLocation, parseGoTime, UTC_LOCATION, type GoLocation } from '../../core/go/time-layout.js';
import { defineFunc, goReplace, goTrim, goTrimSpace, GoTime, queryEscape, sprigFuncs, type FuncMap } from '../../core/gotemplate/index.js';
import { compileGoRegex, type GoRegex } from './regex.js';
import { countGoMatches, goReplaceAll } from './regex-replace.js';

/** What `__line__` and `__timestamp__` return: set by the stage before each execution. */
export interface TemplateLineContext {
  line: string;
  tsNs: bigint;
}

const regexCache = new Map<string, GoRegex>();

function cachedRegex(pattern: string): GoRegex {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    re = compileGoRegex(pattern);
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re;
}

function localLocation(): GoLocation {
  try {
    return loadGoLocation('Local');
  } catch {
    return UTC_LOCATION;
  }
}

/** url.QueryUnescape. */
function queryUnescape(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Error(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c === '+') bytes.push(32);
    else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function unixToTime(epoch: string): GoTime {
  if (!/^[+-]?[0-9]+$/.test(epoch)) throw new Error(`unable to parse time '${epoch}': strconv.ParseInt: parsing ${JSON.stringify(epoch)}: invalid syntax`);
  const i = BigInt(epoch);
  const loc = localLocation();
  switch (epoch.length) {
    case 5: return new GoTime(i * 86400n * 1_000_000_000n, loc);
    case 10: return new GoTime(i * 1_000_000_000n, loc);
    case 13: return new GoTime(i * 1_000_000n, loc);
    case 16: return new GoTime(i * 1_000n, loc);
    case 19: return new GoTime(i, loc);
    default: throw new Error(`unable to parse time '${epoch}': %!w(<nil>)`);
  }
}

function align(count: number, src: string, left: boolean): string {
  const runes = [...src];
  const l = runes.length;
  if (count < 0 || count === l) return src;
  const pad = count - l;
  if (pad > 64 * 1024 * 1024) throw new Error('strings: Repeat output length overflow');
  if (pad > 0) return left ? src + ' '.repeat(pad) : ' '.repeat(pad) + src;
  return left ? runes.slice(0, count).join('') : runes.slice(l - count).join('');
}

/**
 * Loki's template functions for line_format/label_format (logql.md §8.3):
 * its own (`ToLower`, `regexReplaceAll`, `bytes`, `unixToTime`, …), the sprig
 * subset, and `__line__`/`__timestamp__` reading `ctx`.
 */
export function createLogqlTemplateFuncs(ctx: TemplateLineContext): FuncMap {
  return {
    ...sprigFuncs,
    ToLower: defineFunc(['string'], (s: string) => s.toLowerCase()),
    ToUpper: defineFunc(['string'], (s: string) => s.toUpperCase()),
    Replace: defineFunc(['string', 'string', 'string', 'int'], (s: string, o: string, n: string, c: bigint) => goReplace(s, o, n, Number(c))),
    Trim: defineFunc(['string', 'string'], (s: string, cut: string) => goTrim(s, cut, true, true)),
    TrimLeft: defineFunc(['string', 'string'], (s: string, cut: string) => goTrim(s, cut, true, false)),
    TrimRight: defineFunc(['string', 'string'], (s: string, cut: string) => goTrim(s, cut, false, true)),
    TrimPrefix: defineFunc(['string', 'string'], (s: string, p: string) => (s.startsWith(p) ? s.slice(p.length) : s)),
    TrimSuffix: defineFunc(['string', 'string'], (s: string, p: string) => (p !== '' && s.endsWith(p) ? s.slice(0, -p.length) : s)),
    TrimSpace: defineFunc(['string'], (s: string) => goTrimSpace(s)),
    regexReplaceAll: defineFunc(['string', 'string', 'string'], (re: string, s: string, repl: string) => goReplaceAll(cachedRegex(re), s, repl, false)),
    regexReplaceAllLiteral: defineFunc(['string', 'string', 'string'], (re: string, s: string, repl: string) => goReplaceAll(cachedRegex(re), s, repl, true)),
    count: defineFunc(['string', 'string'], (re: string, s: string) => BigInt(countGoMatches(cachedRegex(re), s))),
    urldecode: defineFunc(['string'], (s: string) => queryUnescape(s)),
    urlencode: defineFunc(['string'], (s: string) => queryEscape(s)),
    bytes: defineFunc(['string'], (s: string) => {
      const r = parseBytes(s);
      if (!r.ok) throw new Error(r.error);
      return r.value;
    }),
    duration: defineFunc(['string'], (s: string) => durationSeconds(s)),
    duration_seconds: defineFunc(['string'], (s: string) => durationSeconds(s)),
    unixEpochMillis: defineFunc(['time'], (t: GoTime) => (t.unixNs / 1_000_000n - (t.unixNs % 1_000_000n < 0n ? 1n : 0n)).toString()),
    unixEpochNanos: defineFunc(['time'], (t: GoTime) => t.unixNs.toString()),
    toDateInZone: defineFunc(['string', 'string', 'string'], (layout: string, zone: string, s: string) => {
      let loc: GoLocation;
      try {
        loc = loadGoLocation(zone);
      } catch {
        loc = UTC_LOCATION;
      }
      const r = parseGoTime(layout, s, loc);
      return r.ok ? new GoTime(r.value, loc) : GoTime.zero();
    }),
    unixToTime: defineFunc(['string'], (s: string) => unixToTime(s)),
    alignLeft: defineFunc(['int', 'string'], (n: bigint, s: string) => align(Number(n), s, true)),
    alignRight: defineFunc(['int', 'string'], (n: bigint, s: string) => align(Number(n), s, false)),
    __line__: defineFunc([], () => ctx.line),
    __timestamp__: defineFunc([], () => new GoTime(ctx.tsNs, localLocation())),
  };
}

function durationSeconds(s: string): number {
  const r = parseGoDuration(s);
  if (!r.ok) throw new Error(r.error);
  return r.value / 1e9;
}
