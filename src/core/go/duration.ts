/**
 * Durations as Go and Prometheus read and write them, in integer nanoseconds
 * held in a `number` (exact up to ~104 days, as the LogQL AST contract says).
 *
 * - `parsePromDuration`: prometheus/common `model.ParseDuration` (`1h30m`,
 *   units y w d h m s ms, biggest first, `0` alone allowed, no sign).
 * - `parseGoDuration`: Go `time.ParseDuration` (`1.5h`, `-3us`, units ns us µs
 *   ms s m h).
 * - `parseLogqlDuration`: LogQL's rule, Prometheus first, then Go.
 * - `formatPromDuration` / `formatGoDuration`: the two `String()` forms.
 */
import { fail, ok, type ParseResult } from './parse-result.js';
import { quoteGoTime } from './go-quote.js';
import { quoteGoString } from '../labels/labels.js';

export const NS_PER_MS = 1_000_000;
export const NS_PER_SECOND = 1_000_000_000;

const MS = NS_PER_MS;
const SECOND = NS_PER_SECOND;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;
/** 2^63 as a double: Go's int64 duration limit. */
const INT64_LIMIT = 9223372036854775808;

const promUnits: Readonly<Record<string, { readonly pos: number; readonly ns: number }>> = {
  ms: { pos: 7, ns: MS },
  s: { pos: 6, ns: SECOND },
  m: { pos: 5, ns: MINUTE },
  h: { pos: 4, ns: HOUR },
  d: { pos: 3, ns: DAY },
  w: { pos: 2, ns: WEEK },
  y: { pos: 1, ns: YEAR },
};

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** prometheus/common model.ParseDuration; the error text is Prometheus's. */
export function parsePromDuration(text: string): ParseResult<number> {
  if (text === '0') return ok(0);
  if (text === '') return fail('empty duration string');
  const invalid = `not a valid duration string: ${JSON.stringify(text)}`;
  let totalNs = 0;
  let lastPos = 0;
  let i = 0;
  while (i < text.length) {
    if (!isDigitCode(text.charCodeAt(i))) return fail(invalid);
    const startDigits = i;
    while (i < text.length && isDigitCode(text.charCodeAt(i))) i++;
    const digits = text.slice(startDigits, i);
    // ParseUint overflows past 20 digits / 2^64.
    const value = Number(digits);
    if (digits.length > 20 || value >= 18446744073709551616) return fail(invalid);
    const startUnit = i;
    while (i < text.length && !isDigitCode(text.charCodeAt(i))) i++;
    if (i === startUnit) return fail(invalid);
    const unitText = text.slice(startUnit, i);
    const unit = promUnits[unitText];
    if (unit === undefined) return fail(`unknown unit ${quoteGoString(unitText)} in duration ${quoteGoString(text)}`);
    if (unit.pos <= lastPos) return fail(invalid);
    lastPos = unit.pos;
    if (value > INT64_LIMIT / unit.ns) return fail('duration out of range');
    totalNs += value * unit.ns;
    if (totalNs > INT64_LIMIT - 1) return fail('duration out of range');
  }
  return ok(totalNs);
}

const goUnits: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1_000,
  'µs': 1_000, // U+00B5 micro sign
  'μs': 1_000, // U+03BC Greek mu
  ms: MS,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
};

/** Go time.ParseDuration; the error text is Go's (`time: invalid duration "x"`). */
export function parseGoDuration(text: string): ParseResult<number> {
  const invalid = (): ParseResult<number> => fail(`time: invalid duration ${quoteGoTime(text)}`);
  let s = text;
  let negative = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return ok(0);
  if (s === '') return invalid();
  let totalNs = 0;
  let i = 0;
  while (i < s.length) {
    const first = s.charCodeAt(i);
    if (!(first === 46 || isDigitCode(first))) return invalid();
    // Consume [0-9]*; Go's leadingInt fails once the value passes 2^63.
    let whole = 0;
    const startWhole = i;
    while (i < s.length && isDigitCode(s.charCodeAt(i))) {
      whole = whole * 10 + (s.charCodeAt(i) - 48);
      if (whole > INT64_LIMIT) return invalid();
      i++;
    }
    const hasWhole = i > startWhole;
    // Consume (\.[0-9]*)?: digits beyond int64 precision are dropped, as Go does.
    let fraction = 0;
    let scale = 1;
    let hasFraction = false;
    if (i < s.length && s.charCodeAt(i) === 46) {
      i++;
      const startFraction = i;
      let overflow = false;
      while (i < s.length && isDigitCode(s.charCodeAt(i))) {
        if (!overflow) {
          const next = fraction * 10 + (s.charCodeAt(i) - 48);
          if (next > INT64_LIMIT) overflow = true;
          else {
            fraction = next;
            scale *= 10;
          }
        }
        i++;
      }
      hasFraction = i > startFraction;
    }
    if (!hasWhole && !hasFraction) return invalid();
    const startUnit = i;
    while (i < s.length) {
      const code = s.charCodeAt(i);
      if (code === 46 || isDigitCode(code)) break;
      i++;
    }
    if (i === startUnit) return fail(`time: missing unit in duration ${quoteGoTime(text)}`);
    const unitText = s.slice(startUnit, i);
    const unitNs = goUnits[unitText];
    if (unitNs === undefined) return fail(`time: unknown unit ${quoteGoTime(unitText)} in duration ${quoteGoTime(text)}`);
    if (whole > INT64_LIMIT / unitNs) return invalid();
    let valueNs = whole * unitNs;
    if (fraction > 0) {
      valueNs += Math.trunc(fraction * (unitNs / scale));
      if (valueNs > INT64_LIMIT) return invalid();
    }
    totalNs += valueNs;
    if (totalNs > INT64_LIMIT) return invalid();
  }
  if (negative) return ok(-totalNs);
  if (totalNs > INT64_LIMIT - 1) return invalid();
  return ok(totalNs);
}

/**
 * LogQL's duration rule (Loki lex.go `parseDuration`): Prometheus syntax
 * first, then Go's; the error is Go's.
 */
export function parseLogqlDuration(text: string): ParseResult<number> {
  const prom = parsePromDuration(text);
  return prom.ok ? prom : parseGoDuration(text);
}

/**
 * Prometheus `model.Duration.String()`: millisecond precision, `y` and `w`
 * only when exact (`90d`, not `12w6d`), `0s` for zero, `-` for negatives.
 */
export function formatPromDuration(ns: number): string {
  let ms = Math.trunc(ns / MS);
  if (ms === 0) return '0s';
  let sign = '';
  if (ms < 0) {
    sign = '-';
    ms = -ms;
  }
  let out = '';
  const take = (unit: string, mult: number, exact: boolean): void => {
    if (exact && ms % mult !== 0) return;
    const v = Math.floor(ms / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      ms -= v * mult;
    }
  };
  take('y', YEAR / MS, true);
  take('w', WEEK / MS, true);
  take('d', DAY / MS, false);
  take('h', HOUR / MS, false);
  take('m', MINUTE / MS, false);
  take('s', SECOND / MS, false);
  take('ms', 1, false);
  return sign + out;
}

/** Go `time.Duration.String()`: `1h2m3.5s`, `1.5ms`, `100µs`, `0s`. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let u = Math.abs(Math.trunc(ns));
  if (u < SECOND) {
    if (u < 1_000) return `${sign}${u}ns`;
    if (u < MS) return `${sign}${formatFraction(u, 3)}µs`;
    return `${sign}${formatFraction(u, 6)}ms`;
  }
  let out = '';
  const hours = Math.floor(u / HOUR);
  u -= hours * HOUR;
  const minutes = Math.floor(u / MINUTE);
  u -= minutes * MINUTE;
  if (hours > 0) out += `${hours}h`;
  if (hours > 0 || minutes > 0) out += `${minutes}m`;
  out += `${formatFraction(u, 9)}s`;
  return sign + out;
}

/** `value / 10^digits` printed without trailing zeros (Go's fmtFrac + fmtInt). */
function formatFraction(value: number, digits: number): string {
  const divisor = 10 ** digits;
  const whole = Math.floor(value / divisor);
  const fraction = value - whole * divisor;
  if (fraction === 0) return String(whole);
  const text = String(fraction).padStart(digits, '0').replace(/0+$/, '');
  return `${whole}.${text}`;
}
