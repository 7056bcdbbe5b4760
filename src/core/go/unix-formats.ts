/**
 * promtail's numeric timestamp formats (`Unix`, `UnixMs`, `UnixUs`, `UnixNs`)
 * as Unix nanoseconds, with Go's strconv error texts.
 */
import { fail, ok, type ParseResult } from './parse-result.js';

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const intPattern = /^[+-]?\d+$/;

/** Go's strconv.ParseInt(text, 10, 64). */
export function parseGoInt64(text: string): ParseResult<bigint> {
  if (!intPattern.test(text)) return fail(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  const value = BigInt(text);
  if (value > INT64_MAX || value < INT64_MIN) return fail(`strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`);
  return ok(value);
}

/** Wraps an int64 product the way Go's int64 multiplication overflows. */
function wrapInt64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

export type UnixFormat = 'Unix' | 'UnixMs' | 'UnixUs' | 'UnixNs';

const scale: Readonly<Record<UnixFormat, bigint>> = { Unix: 1_000_000_000n, UnixMs: 1_000_000n, UnixUs: 1_000n, UnixNs: 1n };

export function isUnixFormat(format: string): format is UnixFormat {
  return format === 'Unix' || format === 'UnixMs' || format === 'UnixUs' || format === 'UnixNs';
}

/**
 * `Unix` takes `1562708916` or `1562708916.000000123` (fraction digits scaled
 * to nanoseconds, as promtail); the others an integer count of their unit.
 */
export function parseUnixTimestamp(format: UnixFormat, text: string): ParseResult<bigint> {
  if (format === 'Unix') {
    const dot = text.indexOf('.');
    if (dot >= 0 && text.indexOf('.', dot + 1) < 0) {
      const sec = parseGoInt64(text.slice(0, dot));
      if (!sec.ok) return sec;
      const fractionText = text.slice(dot + 1);
      const fraction = parseGoInt64(fractionText);
      if (!fraction.ok) return fraction;
      // promtail: int64(float64(frac) * 10^(9-len(frac))).
      const nanos = Math.trunc(Number(fraction.value) * Math.pow(10, 9 - fractionText.length));
      return ok(sec.value * 1_000_000_000n + BigInt(nanos));
    }
  }
  const n = parseGoInt64(text);
  if (!n.ok) return n;
  // Unix is time.Unix(sec, 0) (exact); the others multiply in int64, wrapping as Go does.
  return ok(format === 'Unix' ? n.value * scale.Unix : wrapInt64(n.value * scale[format]));
}
