/**
 * Go's time zone data path: TZif files (RFC 8536) from the system zoneinfo
 * directory, read the way Go's `LoadLocationFromTZData` reads them, and
 * `Location.lookup` / `lookupName` including the POSIX TZ footer (`tzset`) for
 * instants after the last transition. This gives Go's offsets and zone
 * abbreviations (`IST`, `CET`, `NDT`), which Intl does not.
 */
import { daysFromCivil, civilFromDays } from './time-zone-civil.js';

interface ZoneType {
  readonly name: string;
  readonly offset: number;
  readonly isDST: boolean;
}

export interface TzifZone {
  readonly types: readonly ZoneType[];
  /** Transition instants (Unix seconds), ascending, and the type index of each. */
  readonly when: readonly number[];
  readonly index: readonly number[];
  /** The POSIX TZ footer, '' when absent. */
  readonly extend: string;
}

export interface ZoneLookup {
  readonly name: string;
  readonly offset: number;
}

/** Parses TZif data; undefined when it is not TZif. */
export function parseTzif(data: Buffer): TzifZone | undefined {
  if (data.length < 44 || data.toString('latin1', 0, 4) !== 'TZif') return undefined;
  const version = data[4] ?? 0;
  let header = 0;
  let timeSize = 4;
  const counts = (at: number): number[] => [0, 1, 2, 3, 4, 5].map((k) => data.readUInt32BE(at + 20 + 4 * k));
  let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(0) as [number, number, number, number, number, number];
  if (version >= 0x32) {
    // Skip the v1 block; use the 64-bit one.
    header = 44 + timecnt * 4 + timecnt + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt;
    if (data.length < header + 44 || data.toString('latin1', header, header + 4) !== 'TZif') return undefined;
    [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(header) as [number, number, number, number, number, number];
    timeSize = 8;
  }
  let p = header + 44;
  const when: number[] = [];
  for (let k = 0; k < timecnt; k++, p += timeSize) when.push(timeSize === 8 ? Number(data.readBigInt64BE(p)) : data.readInt32BE(p));
  const index: number[] = [];
  for (let k = 0; k < timecnt; k++) index.push(data[p++] as number);
  const raw: Array<{ offset: number; isDST: boolean; desig: number }> = [];
  for (let k = 0; k < typecnt; k++, p += 6) raw.push({ offset: data.readInt32BE(p), isDST: data[p + 4] !== 0, desig: data[p + 5] as number });
  const chars = data.subarray(p, p + charcnt);
  p += charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
  const types = raw.map((t) => {
    const end = chars.indexOf(0, t.desig);
    return { name: chars.toString('latin1', t.desig, end < 0 ? chars.length : end), offset: t.offset, isDST: t.isDST };
  });
  if (types.length === 0 || index.some((i) => i >= types.length)) return undefined;
  let extend = '';
  if (timeSize === 8 && data[p] === 0x0a) {
    const end = data.indexOf(0x0a, p + 1);
    if (end > p) extend = data.toString('latin1', p + 1, end);
  }
  if (when.length === 0) {
    // Go adds a transition at the beginning of time so lookups always find one.
    when.push(-Infinity);
    index.push(0);
  }
  return { types, when, index, extend };
}

/** Go's lookupFirstZone: the zone before the first transition. */
function firstZone(zone: TzifZone): number {
  if (!zone.index.includes(0)) return 0;
  const first = zone.index[0];
  if (first !== undefined && zone.types[first]?.isDST === true) {
    for (let zi = first - 1; zi >= 0; zi--) if (zone.types[zi]?.isDST === false) return zi;
  }
  const standard = zone.types.findIndex((t) => !t.isDST);
  return standard >= 0 ? standard : 0;
}

/** Go's Location.lookup: the zone in effect at `sec`. */
export function lookupZone(zone: TzifZone, sec: number): ZoneLookup {
  const { when, index, types } = zone;
  if (sec < (when[0] as number)) return types[firstZone(zone)] as ZoneType;
  let lo = 0;
  let hi = when.length;
  while (hi - lo > 1) {
    const m = (lo + hi) >>> 1;
    if (sec < (when[m] as number)) hi = m;
    else lo = m;
  }
  const type = types[index[lo] as number] as ZoneType;
  if (lo === when.length - 1 && zone.extend !== '') {
    const extended = tzset(zone.extend, sec);
    if (extended !== undefined) return extended;
  }
  return type;
}

/** Go's Location.lookupName: the offset of zone abbreviation `name` around pseudo-Unix time `unix`. */
export function lookupZoneName(zone: TzifZone, name: string, unix: number): number | undefined {
  for (const type of zone.types) {
    if (type.name === name && lookupZone(zone, unix - type.offset).name === name) return lookupZone(zone, unix - type.offset).offset;
  }
  return zone.types.find((t) => t.name === name)?.offset;
}

// --- POSIX TZ strings (`EST5EDT,M3.2.0,M11.1.0`), as Go's tzset -------------

type Rule = { kind: 'julian' | 'doy' | 'mwd'; day: number; week: number; mon: number; time: number };

function tzsetName(s: string): [string, string] | undefined {
  if (s === '') return undefined;
  if (s[0] === '<') {
    const end = s.indexOf('>');
    return end < 0 ? undefined : [s.slice(1, end), s.slice(end + 1)];
  }
  const m = /[0-9,+-]/.exec(s);
  if (m === null) return s.length < 3 ? undefined : [s, ''];
  return m.index < 3 ? undefined : [s.slice(0, m.index), s.slice(m.index)];
}

function tzsetNum(s: string, min: number, max: number): [number, string] | undefined {
  const m = /^\d+/.exec(s);
  if (m === null) return undefined;
  const n = Number(m[0]);
  return n < min || n > max ? undefined : [n, s.slice(m[0].length)];
}

function tzsetOffset(s: string): [number, string] | undefined {
  let rest = s;
  const negative = rest[0] === '-';
  if (rest[0] === '+' || rest[0] === '-') rest = rest.slice(1);
  const hours = tzsetNum(rest, 0, 24 * 7);
  if (hours === undefined) return undefined;
  let offset = hours[0] * 3600;
  rest = hours[1];
  for (const unit of [60, 1]) {
    if (rest[0] !== ':') break;
    const n = tzsetNum(rest.slice(1), 0, 59);
    if (n === undefined) return undefined;
    offset += n[0] * unit;
    rest = n[1];
  }
  return [negative ? -offset : offset, rest];
}

function tzsetRule(s: string): [Rule, string] | undefined {
  const rule: Rule = { kind: 'doy', day: 0, week: 0, mon: 0, time: 7200 };
  let rest = s;
  if (rest[0] === 'J') {
    const d = tzsetNum(rest.slice(1), 1, 365);
    if (d === undefined) return undefined;
    [rule.day, rest] = d;
    rule.kind = 'julian';
  } else if (rest[0] === 'M') {
    const m = /^M(\d+)\.(\d+)\.(\d+)/.exec(rest);
    if (m === null) return undefined;
    [rule.mon, rule.week, rule.day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (rule.mon < 1 || rule.mon > 12 || rule.week < 1 || rule.week > 5 || rule.day > 6) return undefined;
    rule.kind = 'mwd';
    rest = rest.slice(m[0].length);
  } else {
    const d = tzsetNum(rest, 0, 365);
    if (d === undefined) return undefined;
    [rule.day, rest] = d;
  }
  if (rest[0] === '/') {
    const t = tzsetOffset(rest.slice(1));
    if (t === undefined) return undefined;
    [rule.time, rest] = t;
  }
  return [rule, rest];
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysIn(month: number, year: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Seconds from the start of `year` (UTC) at which `rule` takes effect, for a zone at offset `off`. */
function ruleTime(year: number, rule: Rule, off: number): number {
  let s: number;
  if (rule.kind === 'julian') s = (rule.day - 1) * 86400 + (isLeap(year) && rule.day >= 60 ? 86400 : 0);
  else if (rule.kind === 'doy') s = rule.day * 86400;
  else {
    const firstDow = (((daysFromCivil(year, rule.mon, 1) + 4) % 7) + 7) % 7;
    let d = rule.day - firstDow;
    if (d < 0) d += 7;
    for (let i = 1; i < rule.week; i++) {
      if (d + 7 >= daysIn(rule.mon, year)) break;
      d += 7;
    }
    d += daysFromCivil(year, rule.mon, 1) - daysFromCivil(year, 1, 1);
    s = d * 86400;
  }
  return s + rule.time - off;
}

/** Go's tzset: the zone a POSIX TZ string gives at `sec`, undefined if the string is invalid. */
export function tzset(text: string, sec: number): ZoneLookup | undefined {
  const std = tzsetName(text);
  const stdOff = std === undefined ? undefined : tzsetOffset(std[1]);
  if (std === undefined || stdOff === undefined) return undefined;
  let stdName = std[0];
  let stdOffset = -stdOff[0];
  let rest = stdOff[1];
  if (rest === '' || rest[0] === ',') return { name: stdName, offset: stdOffset };
  const dst = tzsetName(rest);
  if (dst === undefined) return undefined;
  let dstName = dst[0];
  rest = dst[1];
  let dstOffset = stdOffset + 3600;
  if (rest !== '' && rest[0] !== ',') {
    const o = tzsetOffset(rest);
    if (o === undefined) return undefined;
    dstOffset = -o[0];
    rest = o[1];
  }
  if (rest === '') rest = ',M3.2.0,M11.1.0';
  if (rest[0] !== ',' && rest[0] !== ';') return undefined;
  const start = tzsetRule(rest.slice(1));
  if (start === undefined || start[1][0] !== ',') return undefined;
  const end = tzsetRule(start[1].slice(1));
  if (end === undefined || end[1] !== '') return undefined;
  const days = Math.floor(sec / 86400);
  const { year } = civilFromDays(days);
  const ysec = sec - daysFromCivil(year, 1, 1) * 86400;
  let startSec = ruleTime(year, start[0], stdOffset);
  let endSec = ruleTime(year, end[0], dstOffset);
  if (endSec < startSec) {
    [startSec, endSec] = [endSec, startSec];
    [stdName, dstName] = [dstName, stdName];
    [stdOffset, dstOffset] = [dstOffset, stdOffset];
  }
  if (ysec < startSec || ysec >= endSec) return { name: stdName, offset: stdOffset };
  return { name: dstName, offset: dstOffset };
}
