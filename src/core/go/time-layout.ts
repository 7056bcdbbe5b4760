/**
 * Go time layouts: parse (`time.Parse`, `time.ParseInLocation`) and format
 * (`Time.Format`) with Go's reference-time elements, named layouts and
 * error texts; IANA locations through Intl; promtail's Unix formats.
 *
 * Instants are Unix nanoseconds in a `bigint`. A zone-less value is read in
 * the location given (UTC by default, as `time.Parse`).
 */
export { compileGoLayout, goNamedLayouts, type GoLayout } from './time-layout-chunks.js';
export { parseGoTime, parseGoTimeFields, resolveGoTime, isLeapYear, type GoTimeFields } from './time-parse.js';
export { formatGoTime } from './time-format.js';
export { loadGoLocation, createFixedLocation, UTC_LOCATION, type GoLocation } from './time-zone.js';
export { parseUnixTimestamp, isUnixFormat, parseGoInt64, type UnixFormat } from './unix-formats.js';
