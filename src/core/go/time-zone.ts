/**
 * IANA time zones for the Go time layout code, through Intl (the tz database
 * Node ships), standing in for Go's `time.LoadLocation`.
 *
 * A `GoLocation` answers the UTC offset and the zone abbreviation in effect
 * at an instant. UTC and fixed offsets need no Intl call.
 */
export interface GoLocation {
  /** The name given to LoadLocation (`UTC`, `Europe/Berlin`). */
  readonly name: string;
  /** Seconds east of UTC in effect at `unixSec`. */
  offsetAt(unixSec: number): number;
  /** The abbreviation (`CET`, `EST`, `UTC`) in effect at `unixSec`. */
  abbreviationAt(unixSec: number): string;
}

export const UTC_LOCATION: GoLocation = {
  name: 'UTC',
  offsetAt: () => 0,
  abbreviationAt: () => 'UTC',
};

/** A zone with one fixed offset, as Go's `time.FixedZone(name, offsetSec)`. */
export function createFixedLocation(name: string, offsetSec: number): GoLocation {
  return { name, offsetAt: () => offsetSec, abbreviationAt: () => name };
}

const cache = new Map<string, GoLocation>();

/**
 * Go's `time.LoadLocation`: `""` and `UTC` are UTC, `Local` is the process
 * zone (TZ), anything else an IANA name. Throws Go's error text
 * (`unknown time zone Foo/Bar`) for an unknown zone.
 */
export function loadGoLocation(name: string): GoLocation {
  if (name === '' || name === 'UTC') return UTC_LOCATION;
  const zone = name === 'Local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : name;
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  let numeric: Intl.DateTimeFormat;
  try {
    numeric = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    throw new Error(`unknown time zone ${name}`);
  }
  const location = createIntlLocation(name, zone, numeric);
  cache.set(name, location);
  return location;
}

function createIntlLocation(name: string, zone: string, numeric: Intl.DateTimeFormat): GoLocation {
  const us = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
  const gb = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' });
  // Offsets change at most a few times a year: remember them per hour.
  const offsets = new Map<number, number>();
  const offsetAt = (unixSec: number): number => {
    const hour = Math.floor(unixSec / 3600);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = computeOffset(numeric, hour * 3600);
      if (offsets.size > 4096) offsets.clear();
      offsets.set(hour, offset);
    }
    return offset;
  };
  const abbreviationAt = (unixSec: number): string => {
    const date = new Date(unixSec * 1000);
    for (const format of [us, gb]) {
      const part = format.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
      if (part !== '' && !part.startsWith('GMT')) return part;
    }
    return formatNumericAbbreviation(offsetAt(unixSec));
  };
  return { name, offsetAt, abbreviationAt };
}

function computeOffset(format: Intl.DateTimeFormat, unixSec: number): number {
  const fields: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(unixSec * 1000))) fields[part.type] = part.value;
  let year = Number(fields.year);
  if (fields.era === 'BC' || fields.era === 'B') year = 1 - year;
  const wallSec =
    daysFromCivil(year, Number(fields.month), Number(fields.day)) * 86400 +
    Number(fields.hour) * 3600 +
    Number(fields.minute) * 60 +
    Number(fields.second);
  return wallSec - unixSec;
}

/** tzdata's numeric abbreviation for zones without a name: `+09`, `-0330`. */
function formatNumericAbbreviation(offsetSec: number): string {
  const sign = offsetSec < 0 ? '-' : '+';
  const abs = Math.abs(offsetSec);
  const hours = String(Math.floor(abs / 3600)).padStart(2, '0');
  const minutes = Math.floor((abs % 3600) / 60);
  return minutes === 0 ? `${sign}${hours}` : `${sign}${hours}${String(minutes).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (any year, month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The proleptic Gregorian date of a day number (inverse of daysFromCivil). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}
