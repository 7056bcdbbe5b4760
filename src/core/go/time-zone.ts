/**
 * IANA time zones for the Go time layout code, as Go's `time.LoadLocation`:
 * the system's TZif files (/usr/share/zoneinfo, tzif.ts) when present, which
 * gives Go's exact offsets and abbreviations; otherwise Intl (the tz database
 * Node ships), whose abbreviations are only what ICU knows.
 *
 * A `GoLocation` answers the UTC offset and the zone abbreviation in effect
 * at an instant. UTC and fixed offsets need neither.
 */
import { existsSync, readFileSync } from 'node:fs';
import { lookupZone, lookupZoneName, parseTzif, type TzifZone } from './tzif.js';
import { daysFromCivil } from './time-zone-civil.js';

export { daysFromCivil, civilFromDays } from './time-zone-civil.js';
export interface GoLocation {
  /** The name given to LoadLocation (`UTC`, `Europe/Berlin`). */
  readonly name: string;
  /** Seconds east of UTC in effect at `unixSec`. */
  offsetAt(unixSec: number): number;
  /** The abbreviation (`CET`, `EST`, `UTC`) in effect at `unixSec`. */
  abbreviationAt(unixSec: number): string;
  /**
   * Go's `lookupName`: the offset of abbreviation `name` for the wall time
   * `wallSec` read as UTC, undefined when the zone never uses the name.
   */
  lookupName?(name: string, wallSec: number): number | undefined;
}

export const UTC_LOCATION: GoLocation = {
  name: 'UTC',
  offsetAt: () => 0,
  abbreviationAt: () => 'UTC',
  lookupName: (name) => (name === 'UTC' ? 0 : undefined),
};

/** Where Go looks for zoneinfo on Unix (time.platformZoneSources). */
const zoneSources = ['/usr/share/zoneinfo/', '/usr/share/lib/zoneinfo/', '/usr/lib/locale/TZ/', '/etc/zoneinfo/'];

function createTzifLocation(name: string, zone: TzifZone): GoLocation {
  return {
    name,
    offsetAt: (sec) => lookupZone(zone, sec).offset,
    abbreviationAt: (sec) => lookupZone(zone, sec).name,
    lookupName: (abbreviation, wallSec) => lookupZoneName(zone, abbreviation, wallSec),
  };
}

/** The TZif zone `name` from the system directories: undefined if there are none, null if they lack it. */
function loadSystemZone(name: string): TzifZone | undefined | null {
  const dirs = zoneSources.filter((dir) => existsSync(dir));
  if (dirs.length === 0) return undefined;
  for (const dir of dirs) {
    let data: Buffer;
    try {
      data = readFileSync(dir + name);
    } catch {
      continue;
    }
    const zone = parseTzif(data);
    if (zone !== undefined) return zone;
  }
  return null;
}

function loadLocalLocation(): GoLocation {
  const tz = process.env.TZ;
  if (tz !== undefined) {
    const name = tz.startsWith(':') ? tz.slice(1) : tz;
    if (name === '' || name === 'UTC') return UTC_LOCATION;
    try {
      return { ...loadGoLocation(name), name: 'Local' };
    } catch {
      return UTC_LOCATION;
    }
  }
  try {
    const zone = parseTzif(readFileSync('/etc/localtime'));
    if (zone !== undefined) return createTzifLocation('Local', zone);
  } catch {
    // No /etc/localtime: Go uses UTC.
  }
  return UTC_LOCATION;
}

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
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  if (name === 'Local') {
    const local = loadLocalLocation();
    cache.set(name, local);
    return local;
  }
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) throw new Error('time: invalid location name');
  const system = loadSystemZone(name);
  if (system === null) throw new Error(`unknown time zone ${name}`);
  if (system !== undefined) {
    const location = createTzifLocation(name, system);
    cache.set(name, location);
    return location;
  }
  const zone = name;
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
