/**
 * Go's `Time.Format` for a Unix-nanosecond instant shown in a location.
 */
import { compileGoLayout, longDayNames, longMonthNames, type GoLayout } from './time-layout-chunks.js';
import { UTC_LOCATION, civilFromDays, daysFromCivil, type GoLocation } from './time-zone.js';

function pad(n: number, width: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).padStart(width, '0');
}

function formatZone(kind: string, offsetSec: number): string {
  if (kind.startsWith('iso8601') && offsetSec === 0) return 'Z';
  let zone = Math.trunc(offsetSec / 60);
  let abs = offsetSec;
  let out = '+';
  if (zone < 0) {
    out = '-';
    zone = -zone;
    abs = -abs;
  }
  out += pad(Math.floor(zone / 60), 2);
  const colon = kind.includes('Colon');
  if (colon) out += ':';
  if (!kind.endsWith('ShortTZ')) out += pad(zone % 60, 2);
  if (kind.includes('Seconds')) {
    if (colon) out += ':';
    out += pad(abs % 60, 2);
  }
  return out;
}

/** Go's `Time.Format(layout)` of `unixNs` in `location` (UTC by default). */
export function formatGoTime(layout: string | GoLayout, unixNs: bigint, location: GoLocation = UTC_LOCATION): string {
  const compiled = typeof layout === 'string' ? compileGoLayout(layout) : layout;
  let unixSec = unixNs / 1_000_000_000n;
  let nanos = unixNs % 1_000_000_000n;
  if (nanos < 0n) {
    nanos += 1_000_000_000n;
    unixSec -= 1n;
  }
  const sec = Number(unixSec);
  const offset = location.offsetAt(sec);
  const wall = sec + offset;
  const days = Math.floor(wall / 86400);
  const secOfDay = wall - days * 86400;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(secOfDay / 3600);
  const minute = Math.floor((secOfDay % 3600) / 60);
  const second = secOfDay % 60;
  const weekday = (((days + 4) % 7) + 7) % 7;
  const yday = days - daysFromCivil(year, 1, 1) + 1;
  const nanoText = String(nanos).padStart(9, '0');
  let out = '';
  for (const chunk of compiled.chunks) {
    switch (chunk.kind) {
      case 'literal':
        out += chunk.text;
        break;
      case 'year':
        out += pad(((year % 100) + 100) % 100, 2);
        break;
      case 'longYear':
        out += pad(year, 4);
        break;
      case 'month':
        out += (longMonthNames[month - 1] as string).slice(0, 3);
        break;
      case 'longMonth':
        out += longMonthNames[month - 1] as string;
        break;
      case 'numMonth':
        out += String(month);
        break;
      case 'zeroMonth':
        out += pad(month, 2);
        break;
      case 'weekDay':
        out += (longDayNames[weekday] as string).slice(0, 3);
        break;
      case 'longWeekDay':
        out += longDayNames[weekday] as string;
        break;
      case 'day':
        out += String(day);
        break;
      case 'underDay':
        out += day < 10 ? ` ${day}` : String(day);
        break;
      case 'zeroDay':
        out += pad(day, 2);
        break;
      case 'underYearDay':
        out += String(yday).padStart(3, ' ');
        break;
      case 'zeroYearDay':
        out += pad(yday, 3);
        break;
      case 'hour':
        out += pad(hour, 2);
        break;
      case 'hour12':
        out += String(hour % 12 === 0 ? 12 : hour % 12);
        break;
      case 'zeroHour12':
        out += pad(hour % 12 === 0 ? 12 : hour % 12, 2);
        break;
      case 'minute':
        out += String(minute);
        break;
      case 'zeroMinute':
        out += pad(minute, 2);
        break;
      case 'second':
        out += String(second);
        break;
      case 'zeroSecond':
        out += pad(second, 2);
        break;
      case 'PM':
        out += hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += hour >= 12 ? 'pm' : 'am';
        break;
      case 'tz': {
        const name = location.abbreviationAt(sec);
        out += name !== '' ? name : formatZone('numTZ', offset);
        break;
      }
      case 'fracSecond0':
        out += chunk.separator + nanoText.slice(0, chunk.digits);
        break;
      case 'fracSecond9': {
        const trimmed = nanoText.slice(0, chunk.digits).replace(/0+$/, '');
        if (trimmed !== '') out += chunk.separator + trimmed;
        break;
      }
      default:
        out += formatZone(chunk.kind, offset);
    }
  }
  return out;
}

