import { isAbsolute, join } from 'node:path';
import type { QueryContext } from '../table.js';
import { readBytes } from '../lib/fs-read.js';

/**
 * The local time zone abbreviation ('CET', 'EDT', '+03', 'UTC') that
 * strftime("%Z") prints, found the way glibc finds the zone: TZ unset →
 * /etc/localtime; TZ '' → UTC; TZ ':Area/City' or 'Area/City' → that file
 * under $TZDIR (/usr/share/zoneinfo) or an absolute path; otherwise TZ is a
 * POSIX rule string ('EST5EDT,M3.2.0,M11.1.0'). Returns '' when unknown.
 */
export function readLocalTimezone(ctx: QueryContext, unixSeconds: number): string {
  const offsetSeconds = -new Date(unixSeconds * 1000).getTimezoneOffset() * 60;
  const tz = process.env.TZ;
  if (tz === '') return 'UTC';
  let file = '/etc/localtime';
  if (tz !== undefined) {
    const name = tz.startsWith(':') ? tz.slice(1) : tz;
    file = isAbsolute(name) ? name : join(process.env.TZDIR ?? '/usr/share/zoneinfo', name);
  }
  const tzif = readBytes(ctx.hostPath(file));
  if (tzif && tzif.subarray(0, 4).toString('latin1') === 'TZif') return pickTzifAbbreviation(tzif, unixSeconds, offsetSeconds) ?? '';
  if (tz === undefined) return 'UTC';
  return pickPosixAbbreviation(tz, offsetSeconds) ?? '';
}

interface TzifBlock {
  readonly times: readonly number[];
  readonly typeIndexes: readonly number[];
  readonly types: ReadonlyArray<{ readonly utoff: number; readonly abbr: string }>;
  /** Where the next block (or the footer) starts. */
  readonly end: number;
}

/**
 * The abbreviation a TZif file (RFC 8536) gives for an instant: the type of
 * the last transition at or before it (type 0 before the first); past the
 * last transition, the footer's POSIX rule, whose std or dst name is chosen
 * by the UTC offset in effect (east of UTC positive).
 */
export function pickTzifAbbreviation(tzif: Buffer, unixSeconds: number, offsetSeconds: number): string | undefined {
  try {
    const v1 = readTzifBlock(tzif, 0, 4);
    const version = tzif[4] ?? 0;
    const block = version >= 0x32 ? readTzifBlock(tzif, v1.end, 8) : v1;
    let index = -1;
    while (index + 1 < block.times.length && (block.times[index + 1] ?? Infinity) <= unixSeconds) index++;
    if (index === block.times.length - 1 && version >= 0x32) {
      const footer = tzif.subarray(block.end).toString('latin1').split('\n')[1] ?? '';
      const fromRule = footer === '' ? undefined : pickPosixAbbreviation(footer, offsetSeconds);
      if (fromRule !== undefined) return fromRule;
    }
    return block.types[index < 0 ? 0 : (block.typeIndexes[index] ?? 0)]?.abbr;
  } catch {
    return undefined;
  }
}

function readTzifBlock(buf: Buffer, start: number, timeSize: 4 | 8): TzifBlock {
  if (buf.subarray(start, start + 4).toString('latin1') !== 'TZif') throw new Error('not a TZif block');
  const count = (i: number): number => buf.readUInt32BE(start + 20 + 4 * i);
  const [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = [0, 1, 2, 3, 4, 5].map(count) as [number, number, number, number, number, number];
  let at = start + 44;
  const times: number[] = [];
  for (let i = 0; i < timecnt; i++, at += timeSize) times.push(timeSize === 4 ? buf.readInt32BE(at) : Number(buf.readBigInt64BE(at)));
  const typeIndexes = [...buf.subarray(at, at + timecnt)];
  at += timecnt;
  const typesAt = at;
  const charsAt = typesAt + 6 * typecnt;
  const types = [];
  for (let i = 0; i < typecnt; i++) {
    const desig = charsAt + (buf[typesAt + 6 * i + 5] ?? 0);
    const nul = buf.indexOf(0, desig);
    types.push({ utoff: buf.readInt32BE(typesAt + 6 * i), abbr: buf.subarray(desig, nul < 0 ? charsAt + charcnt : nul).toString('latin1') });
  }
  const end = charsAt + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
  return { times, typeIndexes, types, end };
}

/**
 * The std or dst name of a POSIX TZ rule ('CET-1CEST,M3.5.0,M10.5.0/3',
 * '<+03>-3', 'UTC0') for a UTC offset (east positive): dst when the offset is
 * the dst one, else std. Undefined when the string is not a rule.
 */
export function pickPosixAbbreviation(rule: string, offsetSeconds: number): string | undefined {
  const m = /^(<[^>]*>|[A-Za-z]{3,})([+-]?\d{1,2}(?::\d{1,2}){0,2})(?:(<[^>]*>|[A-Za-z]{3,})([+-]?\d{1,2}(?::\d{1,2}){0,2})?)?(?:,|$)/.exec(rule);
  if (!m) return undefined;
  const stdName = stripBrackets(m[1] ?? '');
  if (m[3] === undefined) return stdName;
  const stdOffset = -parsePosixOffset(m[2] ?? '0');
  const dstOffset = m[4] === undefined ? stdOffset + 3600 : -parsePosixOffset(m[4]);
  return offsetSeconds === dstOffset && offsetSeconds !== stdOffset ? stripBrackets(m[3]) : stdName;
}

/** '[+-]hh[:mm[:ss]]' in seconds, west of UTC positive as POSIX writes it. */
function parsePosixOffset(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const [h = 0, min = 0, s = 0] = text.replace(/^[+-]/, '').split(':').map(Number);
  return sign * (h * 3600 + min * 60 + s);
}

function stripBrackets(name: string): string {
  return name.startsWith('<') ? name.slice(1, -1) : name;
}
