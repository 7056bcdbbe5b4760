import { WatchpostError, quoteGoString } from '../../core/index.js';
import { parsePromDuration } from '../../core/go/index.js';

/**
 * Loki's query parameter parsing (`pkg/loghttp/params.go`), with its error
 * texts. Timestamps are Unix nanoseconds as bigint; durations are
 * milliseconds (fractions allowed: `step=0.0005` is 0.5 ms).
 */

const NS_PER_SECOND = 1_000_000_000n;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const HOUR_MS = 3_600_000;

export const defaultLimit = 100;
export const defaultSinceMs = HOUR_MS;
const maxPointsPerSeries = 11000;

function badRequest(message: string): WatchpostError {
  return new WatchpostError('ERR_QUERY_BAD_REQUEST', message);
}

/** Go strconv.ParseInt(value, 10, 64), with its error text. */
export function parseGoInt(value: string): bigint {
  if (!/^[+-]?\d+$/.test(value)) throw badRequest(`strconv.ParseInt: parsing ${quoteGoString(value)}: invalid syntax`);
  const n = BigInt(value);
  if (n > INT64_MAX || n < INT64_MIN) throw badRequest(`strconv.ParseInt: parsing ${quoteGoString(value)}: value out of range`);
  return n;
}

const floatPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Loki's `parseTimestamp`: empty → `def`; with a `.` and a valid float →
 * seconds, fraction rounded to the millisecond; an int of ≤ 10 characters →
 * seconds, longer → nanoseconds; else RFC3339(Nano); else the ParseInt error.
 */
export function parseTimestampNs(value: string | null, defNs: bigint): bigint {
  if (value === null || value === '') return defNs;
  if (value.includes('.') && floatPattern.test(value)) {
    const t = Number(value);
    const s = Math.trunc(t);
    const frac = Math.round((t - s) * 1000) / 1000;
    return BigInt(s) * NS_PER_SECOND + BigInt(Math.trunc(frac * 1e9));
  }
  let n: bigint;
  try {
    n = parseGoInt(value);
  } catch (err) {
    const rfc = parseRfc3339Ns(value);
    if (rfc !== undefined) return rfc;
    throw err;
  }
  return value.length <= 10 ? n * NS_PER_SECOND : n;
}

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Go time.Parse(time.RFC3339Nano, value) → Unix ns, or undefined. */
export function parseRfc3339Ns(value: string): bigint | undefined {
  const m = rfc3339.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return undefined;
  let offsetMin = 0;
  const zone = m[8] as string;
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMin = sign * (oh * 60 + om);
  }
  const fracNs = m[7] === undefined ? 0n : BigInt(m[7].slice(1).padEnd(9, '0'));
  return (BigInt(ms) - BigInt(offsetMin * 60_000)) * 1_000_000n + fracNs;
}

/** Prometheus duration (`1h30m`), in ms; `undefined` with the parser's error text on failure. */
export function parsePromDurationMs(value: string): { ms: number } | { error: string } {
  const r = parsePromDuration(value);
  return r.ok ? { ms: r.value / 1e6 } : { error: r.error };
}

/** Loki's `parseSecondsOrDuration` (step, interval): float seconds or a Prometheus duration, in ms. */
export function parseSecondsOrDurationMs(value: string): number {
  if (floatPattern.test(value) || /^[+-]?(inf|infinity|nan)$/i.test(value)) {
    const seconds = Number(value.replace(/inf(inity)?/i, 'Infinity'));
    const ns = seconds * 1e9;
    if (!(Math.abs(ns) <= 9.223372036854776e18)) throw badRequest(`cannot parse ${quoteGoString(value)} to a valid duration. It overflows int64`);
    return Math.trunc(ns) / 1e6;
  }
  const d = parsePromDurationMs(value);
  if ('ms' in d) return d.ms;
  throw badRequest(`cannot parse ${quoteGoString(value)} to a valid duration`);
}

export interface Bounds {
  readonly startNs: bigint;
  readonly endNs: bigint;
}

/** Loki's `determineBounds`: `end` defaults to now, `start` to min(end, now) − since (1h). */
export function determineBounds(form: URLSearchParams, nowNs: bigint): Bounds {
  let sinceNs = BigInt(defaultSinceMs) * 1_000_000n;
  const since = form.get('since');
  if (since !== null && since !== '') {
    const d = parsePromDuration(since);
    if (!d.ok) throw badRequest(`could not parse 'since' parameter: ${d.error}`);
    sinceNs = BigInt(d.value);
  }
  const endNs = wrapParam('end', () => parseTimestampNs(form.get('end'), nowNs));
  const endOrNow = endNs > nowNs ? nowNs : endNs;
  const startNs = wrapParam('start', () => parseTimestampNs(form.get('start'), endOrNow - sinceNs));
  return { startNs, endNs };
}

function wrapParam<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof WatchpostError) throw badRequest(`could not parse '${name}' parameter: ${err.message}`);
    throw err;
  }
}

/** `limit` (default 100); must be positive. */
export function parseLimit(form: URLSearchParams): number {
  const value = form.get('limit');
  if (value === null || value === '') return defaultLimit;
  const n = parseGoInt(value);
  if (n <= 0n) throw badRequest('limit must be a positive value');
  return n > 4294967295n ? 4294967295 : Number(n);
}

/** `direction`: forward|backward, case-insensitive, default backward. */
export function parseDirection(form: URLSearchParams): 'forward' | 'backward' {
  const value = form.get('direction');
  if (value === null || value === '') return 'backward';
  const lower = value.toLowerCase();
  if (lower === 'forward' || lower === 'backward') return lower;
  throw badRequest(`invalid direction '${value}'`);
}

export interface RangeQueryParams extends Bounds {
  readonly query: string;
  readonly limit: number;
  readonly direction: 'forward' | 'backward';
  readonly stepMs: number;
  readonly intervalMs: number;
}

/** Loki's `ParseRangeQuery`, checks in Loki's order. */
export function parseRangeQuery(form: URLSearchParams, nowNs: bigint): RangeQueryParams {
  const query = form.get('query') ?? '';
  const { startNs, endNs } = determineBounds(form, nowNs);
  if (endNs < startNs) throw badRequest('end timestamp must not be before or equal to start time');
  const limit = parseLimit(form);
  const direction = parseDirection(form);
  const stepText = form.get('step');
  const stepMs =
    stepText === null || stepText === '' ? Math.max(Math.floor(Number(endNs - startNs) / 1e9 / 250), 1) * 1000 : parseSecondsOrDurationMs(stepText);
  if (!(stepMs > 0)) throw badRequest('zero or negative query resolution step widths are not accepted. Try a positive integer');
  const stepNs = BigInt(Math.round(stepMs * 1e6));
  if (stepNs > 0n && (endNs - startNs) / stepNs > BigInt(maxPointsPerSeries)) {
    throw badRequest('exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter');
  }
  const intervalText = form.get('interval');
  const intervalMs = intervalText === null || intervalText === '' ? 0 : parseSecondsOrDurationMs(intervalText);
  if (intervalMs < 0) throw badRequest('interval must be >= 0');
  return { query, startNs, endNs, limit, direction, stepMs, intervalMs };
}

export interface InstantQueryParams {
  readonly query: string;
  readonly timeNs: bigint;
  readonly limit: number;
  readonly direction: 'forward' | 'backward';
}

/** Loki's `ParseInstantQuery`. */
export function parseInstantQuery(form: URLSearchParams, nowNs: bigint): InstantQueryParams {
  const query = form.get('query') ?? '';
  const timeNs = parseTimestampNs(form.get('time'), nowNs);
  const limit = parseLimit(form);
  const direction = parseDirection(form);
  return { query, timeNs, limit, direction };
}

/** The current time in Unix ns. */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
