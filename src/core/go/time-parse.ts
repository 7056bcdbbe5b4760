/**
 * Go's `time.Parse` / `time.ParseInLocation` with Go's error texts.
 * Instants are Unix nanoseconds in a `bigint`.
 */
import { fail, ok, type ParseResult } from './parse-result.js';
import { quoteGoTime } from './go-quote.js';
import { compileGoLayout, longDayNames, longMonthNames, type GoLayout, type LayoutChunk } from './time-layout-chunks.js';
import {
  getnum,
  getnum3,
  isDigit,
  lookupName,
  parseNanoseconds,
  shortDayNames,
  shortMonthNames,
  skipLiteral,
  zoneLayout,
  zoneNameLength,
} from './time-parse-elements.js';
import { UTC_LOCATION, civilFromDays, daysFromCivil, type GoLocation } from './time-zone.js';

/** The wall-clock fields read from a value, before a location turns them into an instant. */
export interface GoTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
  /** The value said `Z` or `UTC`. */
  utc: boolean;
  /** A numeric zone offset in the value, in seconds east of UTC. */
  offsetSec: number | undefined;
  /** A zone abbreviation in the value (`MST`, `GMT+3`). */
  zoneName: string | undefined;
}

/**
 * Go's `time.parse` up to (not including) the location step: the fields of
 * `value` read with `layout`, or Go's error text.
 */
export function parseGoTimeFields(layout: GoLayout, value: string): ParseResult<GoTimeFields> {
  const f: GoTimeFields = { year: 0, month: -1, day: -1, hour: 0, minute: 0, second: 0, nanosecond: 0, utc: false, offsetSec: undefined, zoneName: undefined };
  let yday = -1;
  let pm: boolean | undefined;
  let i = 0;
  const chunks = layout.chunks;
  const bad = (chunk: LayoutChunk, at: number): ParseResult<GoTimeFields> =>
    fail(`parsing time ${quoteGoTime(value)} as ${quoteGoTime(layout.layout)}: cannot parse ${quoteGoTime(value.slice(at))} as ${quoteGoTime(chunk.text)}`);
  const range = (what: string): ParseResult<GoTimeFields> => fail(`parsing time ${quoteGoTime(value)}: ${what} out of range`);
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c] as LayoutChunk;
    const start = i;
    let r: [number, number] | undefined;
    switch (chunk.kind) {
      case 'literal': {
        const [next, matched] = skipLiteral(value, i, chunk.text);
        if (!matched) return bad(chunk, next);
        i = next;
        break;
      }
      case 'year': {
        // Go's atoi on two characters: a sign and one digit pass too.
        const two = value.slice(i, i + 2);
        if (!/^[+-]?\d+$/.test(two)) return bad(chunk, start);
        f.year = Number(two);
        f.year += f.year >= 69 ? 1900 : 2000;
        i += 2;
        break;
      }
      case 'longYear':
        if (value.length - i < 4 || !/^\d{4}$/.test(value.slice(i, i + 4))) return bad(chunk, start);
        f.year = Number(value.slice(i, i + 4));
        i += 4;
        break;
      case 'month':
      case 'longMonth':
        r = lookupName(chunk.kind === 'month' ? shortMonthNames : longMonthNames, value, i);
        if (r === undefined) return bad(chunk, start);
        f.month = r[0] + 1;
        i = r[1];
        break;
      case 'numMonth':
      case 'zeroMonth':
        r = getnum(value, i, chunk.kind === 'zeroMonth');
        if (r === undefined) return bad(chunk, start);
        if (r[0] <= 0 || r[0] > 12) return range('month');
        [f.month, i] = r;
        break;
      case 'weekDay':
      case 'longWeekDay':
        r = lookupName(chunk.kind === 'weekDay' ? shortDayNames : longDayNames, value, i);
        if (r === undefined) return bad(chunk, start);
        i = r[1];
        break;
      case 'day':
      case 'underDay':
      case 'zeroDay':
        if (chunk.kind === 'underDay' && value[i] === ' ') i++;
        r = getnum(value, i, chunk.kind === 'zeroDay');
        if (r === undefined) return bad(chunk, start);
        [f.day, i] = r;
        break;
      case 'underYearDay':
      case 'zeroYearDay':
        for (let k = 0; k < 2 && chunk.kind === 'underYearDay' && value[i] === ' '; k++) i++;
        r = getnum3(value, i, chunk.kind === 'zeroYearDay');
        if (r === undefined) return bad(chunk, start);
        [yday, i] = r;
        break;
      case 'hour':
        r = getnum(value, i, false);
        if (r === undefined) return bad(chunk, start);
        if (r[0] > 23) return range('hour');
        [f.hour, i] = r;
        break;
      case 'hour12':
      case 'zeroHour12':
        r = getnum(value, i, chunk.kind === 'zeroHour12');
        if (r === undefined) return bad(chunk, start);
        if (r[0] > 12) return range('hour');
        [f.hour, i] = r;
        break;
      case 'minute':
      case 'zeroMinute':
        r = getnum(value, i, chunk.kind === 'zeroMinute');
        if (r === undefined) return bad(chunk, start);
        if (r[0] > 59) return range('minute');
        [f.minute, i] = r;
        break;
      case 'second':
      case 'zeroSecond': {
        r = getnum(value, i, chunk.kind === 'zeroSecond');
        if (r === undefined) return bad(chunk, start);
        if (r[0] > 59) return range('second');
        [f.second, i] = r;
        // A fractional second may follow even when the layout has none.
        const next = chunks.slice(c + 1).find((x) => x.kind !== 'literal');
        if ((value[i] === '.' || value[i] === ',') && isDigit(value, i + 1) && !(next !== undefined && next.kind.startsWith('fracSecond'))) {
          let n = 2;
          while (isDigit(value, i + n)) n++;
          f.nanosecond = parseNanoseconds(value, i, n);
          i += n;
        }
        break;
      }
      case 'PM':
      case 'pm': {
        const text = value.slice(i, i + 2);
        const [am, p] = chunk.kind === 'PM' ? ['AM', 'PM'] : ['am', 'pm'];
        if (text === p) pm = true;
        else if (text === am) pm = false;
        else return bad(chunk, start);
        i += 2;
        break;
      }
      case 'tz': {
        if (value.startsWith('UTC', i)) {
          f.utc = true;
          i += 3;
          break;
        }
        const n = zoneNameLength(value, i);
        if (n === 0) return bad(chunk, start);
        f.zoneName = value.slice(i, i + n);
        i += n;
        break;
      }
      case 'fracSecond0': {
        const n = 1 + chunk.digits;
        if (value.length - i < n || (value[i] !== '.' && value[i] !== ',') || !/^\d+$/.test(value.slice(i + 1, i + n))) return bad(chunk, start);
        f.nanosecond = parseNanoseconds(value, i, n);
        i += n;
        break;
      }
      case 'fracSecond9': {
        if ((value[i] !== '.' && value[i] !== ',') || !isDigit(value, i + 1)) break;
        let n = 1;
        while (isDigit(value, i + n)) n++;
        f.nanosecond = parseNanoseconds(value, i, n);
        i += n;
        break;
      }
      default: {
        // Numeric and ISO 8601 zones.
        if (chunk.kind.startsWith('iso8601') && value[i] === 'Z') {
          f.utc = true;
          i++;
          break;
        }
        const [length, withSeconds, colon] = zoneLayout[chunk.kind] as readonly [number, number, boolean];
        const text = value.slice(i, i + length);
        if (text.length < length) return bad(chunk, start);
        if (colon && (text[3] !== ':' || (withSeconds === 1 && text[6] !== ':'))) return bad(chunk, start);
        const step = colon ? 3 : 2;
        const hh = getnum(text, 1, true);
        const mm = length > 3 ? getnum(text, 1 + step, true) : ([0, 0] as [number, number]);
        const ss = withSeconds === 1 ? getnum(text, 1 + 2 * step, true) : ([0, 0] as [number, number]);
        if (hh === undefined || mm === undefined || ss === undefined) return bad(chunk, start);
        if (hh[0] > 24) return range('time zone offset hour');
        if (mm[0] > 60) return range('time zone offset minute');
        if (ss[0] > 60) return range('time zone offset second');
        const offset = (hh[0] * 60 + mm[0]) * 60 + ss[0];
        if (text[0] === '+') f.offsetSec = offset;
        else if (text[0] === '-') f.offsetSec = -offset;
        else return bad(chunk, start);
        i += length;
      }
    }
  }
  if (i < value.length) return fail(`parsing time ${quoteGoTime(value)}: extra text: ${quoteGoTime(value.slice(i))}`);
  if (pm === true && f.hour < 12) f.hour += 12;
  else if (pm === false && f.hour === 12) f.hour = 0;
  if (yday >= 0) {
    // Go: Feb 29 and later days of a leap year, then 1..365 on the common calendar.
    let m = 0;
    let d = 0;
    let yd = yday;
    if (isLeapYear(f.year)) {
      if (yd === 60) {
        m = 2;
        d = 29;
      } else if (yd > 60) yd--;
    }
    if (yd < 1 || yd > 365) return range('day-of-year');
    if (m === 0) {
      // Days of a common year (2001).
      const date = civilFromDays(daysFromCivil(2001, 1, 1) + yd - 1);
      m = date.month;
      d = date.day;
    }
    if (f.month >= 0 && f.month !== m) return fail(`parsing time ${quoteGoTime(value)}: day-of-year does not match month`);
    if (f.day >= 0 && f.day !== d) return fail(`parsing time ${quoteGoTime(value)}: day-of-year does not match day`);
    f.month = m;
    f.day = d;
  } else {
    if (f.month < 0) f.month = 1;
    if (f.day < 0) f.day = 1;
  }
  if (f.day < 1 || f.day > daysInMonth(f.year, f.month)) return fail(`parsing time ${quoteGoTime(value)}: day out of range`);
  return ok(f);
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The instant of parsed fields: a zone in the value wins; an abbreviation
 * counts when `location` uses it at that time (else GMT±h, else offset 0, as
 * Go's fabricated zones); zone-less values are wall time in `location`.
 * Day overflow (Feb 29 moved to a common year) rolls over as Go's `Date`.
 */
export function resolveGoTime(f: GoTimeFields, location: GoLocation = UTC_LOCATION): bigint {
  const wallSec = daysFromCivil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
  let unixSec: number;
  if (f.utc) unixSec = wallSec;
  else if (f.offsetSec !== undefined) unixSec = wallSec - f.offsetSec;
  else if (f.zoneName !== undefined) {
    let offset: number | undefined;
    if (location.lookupName !== undefined) offset = location.lookupName(f.zoneName, wallSec);
    else {
      const guess = wallSec - location.offsetAt(wallSec);
      if (location.abbreviationAt(guess) === f.zoneName) offset = wallSec - guess;
    }
    if (offset === undefined && f.zoneName.length > 3 && f.zoneName.startsWith('GMT')) offset = Number(f.zoneName.slice(3)) * 3600;
    unixSec = wallSec - (offset ?? 0);
  } else {
    const first = location.offsetAt(wallSec);
    const second = location.offsetAt(wallSec - first);
    unixSec = wallSec - second;
  }
  return BigInt(unixSec) * 1_000_000_000n + BigInt(f.nanosecond);
}

/** Go's `time.ParseInLocation` (location defaults to UTC, i.e. `time.Parse`), as Unix ns. */
export function parseGoTime(layout: string | GoLayout, value: string, location: GoLocation = UTC_LOCATION): ParseResult<bigint> {
  const compiled = typeof layout === 'string' ? compileGoLayout(layout) : layout;
  const fields = parseGoTimeFields(compiled, value);
  return fields.ok ? ok(resolveGoTime(fields.value, location)) : fields;
}
