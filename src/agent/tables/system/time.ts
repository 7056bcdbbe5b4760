import type { QueryContext, Row, TableImpl } from '../table.js';
import { readLocalTimezone } from './local-timezone.js';

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The time row for an instant, in osquery's formats: every field in UTC;
 * timestamp is asctime() plus " UTC" ("Mon May  2 22:27:32 2016 UTC");
 * datetime and iso_8601 are "%FT%TZ"; local_timezone is the %Z
 * abbreviation, 'UTC' when it is empty or too long for osquery's 8-byte
 * buffer (more than 7 characters).
 */
export function buildTimeRow(unixSeconds: number, localTimezone: string): Row {
  const d = new Date(unixSeconds * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const weekday = weekdays[d.getUTCDay()] ?? '';
  const year = d.getUTCFullYear();
  const iso = `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${hms}Z`;
  return {
    weekday,
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minutes: d.getUTCMinutes(),
    seconds: d.getUTCSeconds(),
    timezone: 'UTC',
    local_timezone: localTimezone === '' || localTimezone.length > 7 ? 'UTC' : localTimezone,
    unix_time: unixSeconds,
    timestamp: `${weekday.slice(0, 3)} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} ${year} UTC`,
    datetime: iso,
    iso_8601: iso,
  };
}

/** time: one row for the current second. */
export function* genTime(ctx: QueryContext): Iterable<Row> {
  const now = Math.floor(Date.now() / 1000);
  yield buildTimeRow(now, ctx.isColumnUsed('local_timezone') ? readLocalTimezone(ctx, now) : '');
}

export const timeTable: TableImpl = {
  name: 'time',
  generate: genTime,
  reads: ['the clock', 'TZ, /etc/localtime (local_timezone)'],
};
