/**
 * promtail's `timestamp` stage: sets the entry time from an extracted value
 * parsed with a Go layout, a named layout or Unix/UnixMs/UnixUs/UnixNs,
 * trying `fallback_formats` in order. On failure `fudge` (default) moves the
 * time 1 ns past the last good one of the same label set; `skip` keeps it.
 */
import {
  compileGoLayout,
  goNamedLayouts,
  isUnixFormat,
  loadGoLocation,
  parseGoTimeFields,
  parseUnixTimestamp,
  resolveGoTime,
  UTC_LOCATION,
  type GoLocation,
} from '../../core/go/time-layout.js';
import { StageConfig } from './stage-config.js';
import { toGoString } from './go-values.js';
import { createLabelsKeyCache } from './labels-key.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

export type TimestampParser = (text: string) => bigint | undefined;

/** Go's named layouts that promtail accepts by name (parsed in UTC, `location` ignored). */
const namedFormats = ['ANSIC', 'UnixDate', 'RubyDate', 'RFC822', 'RFC822Z', 'RFC850', 'RFC1123', 'RFC1123Z', 'RFC3339', 'RFC3339Nano'] as const;

/** promtail's convertDateLayout: one format → parser (undefined result = parse failure). */
export function createTimestampParser(format: string, location: GoLocation | undefined, nowMs: () => number): TimestampParser {
  if (isUnixFormat(format)) {
    return (text) => {
      const result = parseUnixTimestamp(format, text);
      return result.ok ? result.value : undefined;
    };
  }
  if ((namedFormats as readonly string[]).includes(format)) {
    const layout = compileGoLayout(goNamedLayouts[format as (typeof namedFormats)[number]]);
    return (text) => {
      const fields = parseGoTimeFields(layout, text);
      return fields.ok ? resolveGoTime(fields.value, UTC_LOCATION) : undefined;
    };
  }
  const layout = compileGoLayout(format);
  const zone = location ?? UTC_LOCATION;
  if (!format.includes('06')) {
    // No year in the layout: the current year, handling the Dec/Jan rollover.
    return (text) => {
      const fields = parseGoTimeFields(layout, text);
      if (!fields.ok || fields.value.year !== 0) return undefined;
      const now = new Date(nowMs());
      const nowYear = now.getUTCFullYear();
      const nowMonth = now.getUTCMonth() + 1;
      const f = fields.value;
      if (f.month === 12 && nowMonth === 1) f.year = nowYear - 1;
      else if (f.month === 1 && nowMonth === 12) f.year = nowYear + 1;
      else f.year = nowYear;
      return resolveGoTime(f, zone);
    };
  }
  return (text) => {
    const fields = parseGoTimeFields(layout, text);
    return fields.ok ? resolveGoTime(fields.value, zone) : undefined;
  };
}

const LAST_KNOWN_LIMIT = 10000;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/**
 * The last good time per label set, bounded like promtail's LRU: the oldest
 * label set inserted goes first. The newest label set's time lives in two
 * variables and reaches the map only when another label set comes, so a run
 * of one stream's entries (the usual case) costs no map operation.
 */
function createLastKnownTimes(limit: number): { get(key: string): bigint | undefined; set(key: string, ts: bigint): void } {
  const times = new Map<string, bigint>();
  let hotKey: string | undefined;
  let hotTs = 0n;
  return {
    get(key) {
      return key === hotKey ? hotTs : times.get(key);
    },
    set(key, ts) {
      if (key === hotKey) {
        hotTs = ts;
        return;
      }
      if (hotKey !== undefined) times.set(hotKey, hotTs);
      if (times.size >= limit && !times.has(key)) times.delete(times.keys().next().value as string);
      times.set(key, ts);
      hotKey = key;
      hotTs = ts;
    },
  };
}

export interface TimestampStageConfig {
  readonly source: string;
  readonly format: string;
  readonly fallbackFormats?: readonly string[];
  readonly location?: string | undefined;
  readonly actionOnFailure?: 'fudge' | 'skip';
}

export function readTimestampStageConfig(config: unknown): TimestampStageConfig {
  const cfg = new StageConfig('timestamp', config);
  const source = cfg.string('source') ?? '';
  const format = cfg.string('format') ?? '';
  const fallbackFormats = cfg.stringList('fallback_formats') ?? [];
  const location = cfg.string('location');
  const action = cfg.string('action_on_failure');
  cfg.finish();
  if (source === '') throw cfg.fail('timestamp source value is required if timestamp is specified', 'source');
  if (format === '') throw cfg.fail('timestamp format is required', 'format');
  if (action !== undefined && action !== 'fudge' && action !== 'skip') {
    throw cfg.fail('invalid action on failure (supported values are [skip fudge])', 'action_on_failure');
  }
  return { source, format, fallbackFormats, location, actionOnFailure: action ?? 'fudge' };
}

export function createTimestampStageFrom(config: TimestampStageConfig, nowMs: () => number): Stage {
  let location: GoLocation | undefined;
  if (config.location !== undefined) {
    try {
      location = loadGoLocation(config.location);
    } catch (err) {
      throw new StageConfig('timestamp', {}).fail(`invalid location specified: ${(err as Error).message}`, 'location');
    }
  }
  const parsers = [config.format, ...(config.fallbackFormats ?? [])].map((f) => createTimestampParser(f, location, nowMs));
  const parse = (text: string): bigint | undefined => {
    for (const parser of parsers) {
      const ts = parser(text);
      // Times past int64 nanoseconds cannot be pushed: a parse failure.
      if (ts !== undefined && ts >= INT64_MIN && ts <= INT64_MAX) return ts;
    }
    return undefined;
  };
  const { source } = config;
  const fudge = config.actionOnFailure !== 'skip';
  const lastKnown = createLastKnownTimes(LAST_KNOWN_LIMIT);
  const keyOf = createLabelsKeyCache();
  // `Unix` of an integral JSON number needs no text round trip (same result as formatting it first).
  const unixSeconds = config.format === 'Unix';
  // The rows of one osquery result share a unixTime: the previous conversion is reused.
  let lastSeconds = Number.NaN;
  let lastSecondsNs: bigint | undefined;
  return {
    process(entry, out) {
      const raw = Object.hasOwn(entry.extracted, source) ? entry.extracted[source] : undefined;
      let ts: bigint | undefined;
      if (unixSeconds && typeof raw === 'number' && Number.isSafeInteger(raw)) {
        if (raw !== lastSeconds) {
          lastSecondsNs = BigInt(raw) * 1_000_000_000n;
          if (lastSecondsNs > INT64_MAX || lastSecondsNs < INT64_MIN) lastSecondsNs = undefined;
          lastSeconds = raw;
        }
        ts = lastSecondsNs;
      } else {
        const value = toGoString(raw);
        ts = value === undefined ? undefined : parse(value);
      }
      if (ts !== undefined) {
        entry.tsNs = ts;
        if (fudge) lastKnown.set(keyOf(entry.labels), ts);
      } else if (fudge) {
        const key = keyOf(entry.labels);
        const last = lastKnown.get(key);
        if (last !== undefined) {
          entry.tsNs = last + 1n;
          lastKnown.set(key, entry.tsNs);
        }
      }
      out.push(entry);
    },
  };
}

export function createTimestampStage(config: unknown, ctx: StageBuildContext): Stage {
  return createTimestampStageFrom(readTimestampStageConfig(config), ctx.nowMs);
}
