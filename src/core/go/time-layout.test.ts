import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoTime, goNamedLayouts, loadGoLocation, parseGoTime, parseUnixTimestamp, type UnixFormat } from './time-layout.js';

const S = 1_000_000_000n;

const parseCases: ReadonlyArray<{ name: string; layout: string; value: string; location?: string; want: bigint | string }> = [
  { name: 'RFC3339Nano UTC', layout: goNamedLayouts.RFC3339Nano, value: '2019-04-30T02:12:41.8443515Z', want: 1556590361844351500n },
  { name: 'RFC3339 takes a fraction the layout lacks', layout: goNamedLayouts.RFC3339, value: '2019-04-30T02:12:41.8443515Z', want: 1556590361844351500n },
  { name: 'RFC3339 offset', layout: goNamedLayouts.RFC3339, value: '2006-01-02T15:04:05+07:00', want: 1136189045n * S },
  { name: 'ANSIC underscore day', layout: goNamedLayouts.ANSIC, value: 'Mon Jan  2 15:04:05 2006', want: 1136214245n * S },
  { name: 'RFC1123 unknown abbreviation is offset 0', layout: goNamedLayouts.RFC1123, value: 'Mon, 02 Jan 2006 15:04:05 MST', want: 1136214245n * S },
  { name: 'RFC1123Z numeric zone', layout: goNamedLayouts.RFC1123Z, value: 'Mon, 02 Jan 2006 15:04:05 -0700', want: 1136239445n * S },
  { name: 'RFC822 two-digit year', layout: goNamedLayouts.RFC822, value: '02 Jan 06 15:04 UTC', want: 1136214240n * S },
  { name: 'RFC850 long weekday', layout: goNamedLayouts.RFC850, value: 'Monday, 02-Jan-06 15:04:05 UTC', want: 1136214245n * S },
  { name: 'Kitchen has year 0', layout: goNamedLayouts.Kitchen, value: '3:04PM', want: -62167164960n * S },
  { name: 'month names are case-insensitive', layout: '02 Jan 2006', value: '05 MAR 2024', want: 1709596800n * S },
  { name: 'fixed fraction', layout: '2006-01-02 15:04:05.000', value: '2024-02-29 23:59:59.123', want: 1709251199123000000n },
  { name: 'comma fraction', layout: '2006-01-02 15:04:05,999', value: '2024-02-29 23:59:59,5', want: 1709251199500000000n },
  { name: 'GMT+3 abbreviation', layout: '2006-01-02 15:04 MST', value: '2024-01-01 03:00 GMT+3', want: 1704067200n * S },
  { name: 'location for zone-less values', layout: goNamedLayouts.DateTime, value: '2024-07-01 12:00:00', location: 'Europe/Berlin', want: 1719828000n * S },
  { name: 'location abbreviation is used', layout: '2006-01-02 15:04 MST', value: '2024-07-01 08:00 EDT', location: 'America/New_York', want: 1719835200n * S },
  { name: 'year day', layout: '2006 002', value: '2024 060', want: 1709164800n * S },
  { name: 'an abbreviation the zone used at another time of year counts (Go lookupName)', layout: '2006-01-02 15:04 MST', value: '2024-07-01 08:00 EST', location: 'America/New_York', want: 1719838800n * S },
  { name: 'a zone name the location never used is offset 0', layout: '2006-01-02 15:04 MST', value: '2024-07-01 08:00 CET', location: 'America/New_York', want: 1719820800n * S },
  { name: 'a sign passes as part of a two-digit year (Go atoi)', layout: '06 01', value: '+7 02', want: 1170288000n * S },
  { name: 'literal mismatch reports where it stopped', layout: goNamedLayouts.RFC1123, value: 'Mon,02 Jan 2006 15:04:05 MST', want: 'parsing time "Mon,02 Jan 2006 15:04:05 MST" as "Mon, 02 Jan 2006 15:04:05 MST": cannot parse "02 Jan 2006 15:04:05 MST" as ", "' },
  { name: 'day of year must agree with the month', layout: '2006-01 002', value: '2024-02 100', want: 'parsing time "2024-02 100": day-of-year does not match month' },
  { name: 'day of year 366 of a common year', layout: '2006 002', value: '2023 366', want: 'parsing time "2023 366": day-of-year out of range' },
  { name: 'more than nine fraction digits are truncated', layout: goNamedLayouts.RFC3339Nano, value: '2023-03-02T00:00:29.8484041884+11:00', want: 1677675629848404188n },
  { name: 'month out of range', layout: goNamedLayouts.DateOnly, value: '2024-13-01', want: 'parsing time "2024-13-01": month out of range' },
  { name: 'bad element', layout: goNamedLayouts.DateOnly, value: 'x', want: 'parsing time "x" as "2006-01-02": cannot parse "x" as "2006"' },
  { name: 'bad literal', layout: goNamedLayouts.DateOnly, value: '2024/01/01', want: 'parsing time "2024/01/01" as "2006-01-02": cannot parse "/01/01" as "-"' },
  { name: 'extra text', layout: goNamedLayouts.DateOnly, value: '2024-01-01x', want: 'parsing time "2024-01-01x": extra text: "x"' },
  { name: 'day out of range', layout: goNamedLayouts.DateOnly, value: '2023-02-29', want: 'parsing time "2023-02-29": day out of range' },
  { name: 'hour out of range', layout: goNamedLayouts.TimeOnly, value: '24:00:00', want: 'parsing time "24:00:00": hour out of range' },
];

for (const c of parseCases) {
  test(`parseGoTime: ${c.name}`, () => {
    const got = parseGoTime(c.layout, c.value, c.location === undefined ? undefined : loadGoLocation(c.location));
    if (typeof c.want === 'string') assert.deepEqual(got, { ok: false, error: c.want });
    else assert.deepEqual(got, { ok: true, value: c.want });
  });
}

const formatCases: ReadonlyArray<{ name: string; layout: string; ns: bigint; location?: string; want: string }> = [
  { name: 'RFC3339Nano trims zeros', layout: goNamedLayouts.RFC3339Nano, ns: 1556590361844351500n, want: '2019-04-30T02:12:41.8443515Z' },
  { name: 'RFC3339 whole seconds', layout: goNamedLayouts.RFC3339, ns: 1136214245n * S, want: '2006-01-02T15:04:05Z' },
  { name: 'zone name and offset', layout: '2006-01-02 15:04:05 MST -0700 Z07:00', ns: 1719835200n * S, location: 'America/New_York', want: '2024-07-01 08:00:00 EDT -0400 -04:00' },
  { name: 'every element', layout: 'Monday Mon January Jan 1 01 2 _2 02 __2 002 15 3 03 4 04 5 05 06 PM pm .000 .999 ,9', ns: 1709251199120000000n, want: 'Thursday Thu February Feb 2 02 29 29 29  60 060 23 11 11 59 59 59 59 24 PM pm .120 .12 ,1' },
  { name: 'ANSIC pads day with a space', layout: goNamedLayouts.ANSIC, ns: 1136214245n * S, want: 'Mon Jan  2 15:04:05 2006' },
  { name: 'UnixDate in UTC', layout: goNamedLayouts.UnixDate, ns: 0n, want: 'Thu Jan  1 00:00:00 UTC 1970' },
  { name: 'negative instant', layout: goNamedLayouts.RFC3339Nano, ns: -1n, want: '1969-12-31T23:59:59.999999999Z' },
  { name: 'tzdata abbreviations (IST, CET, NST)', layout: 'MST MST MST', ns: 1704067200n * S, location: 'Asia/Kolkata', want: 'IST IST IST' },
  { name: 'Berlin winter is CET', layout: '15:04 MST -0700', ns: 1704067200n * S, location: 'Europe/Berlin', want: '01:00 CET +0100' },
  { name: 'the TZ footer rule past the last transition (2100 summer in New York)', layout: '2006-01-02 15:04 MST', ns: 4118054400n * S, location: 'America/New_York', want: '2100-06-30 12:00 EDT' },
  { name: 'half-hour zone with DST (St Johns)', layout: '15:04 MST Z07:00', ns: 1719835200n * S, location: 'America/St_Johns', want: '09:30 NDT -02:30' },
  { name: 'Kitchen midnight', layout: goNamedLayouts.Kitchen, ns: 0n, want: '12:00AM' },
];

for (const c of formatCases) {
  test(`formatGoTime: ${c.name}`, () => {
    assert.equal(formatGoTime(c.layout, c.ns, c.location === undefined ? undefined : loadGoLocation(c.location)), c.want);
  });
}

test('formatGoTime and parseGoTime round-trip RFC3339Nano', () => {
  for (const ns of [0n, 1n, 1556590361844351500n, 1709251199123456789n, -62135596800n * S]) {
    const text = formatGoTime(goNamedLayouts.RFC3339Nano, ns);
    assert.deepEqual(parseGoTime(goNamedLayouts.RFC3339Nano, text), { ok: true, value: ns }, text);
  }
});

test('loadGoLocation: unknown zone has Go error text', () => {
  assert.throws(() => loadGoLocation('Foo/Bar'), { message: 'unknown time zone Foo/Bar' });
  assert.throws(() => loadGoLocation('../etc/passwd'), { message: 'time: invalid location name' });
  assert.equal(loadGoLocation('').name, 'UTC');
});

const unixCases: ReadonlyArray<{ format: UnixFormat; value: string; want: bigint | string }> = [
  { format: 'Unix', value: '1562708916', want: 1562708916n * S },
  { format: 'Unix', value: '1562708916.000000123', want: 1562708916000000123n },
  { format: 'Unix', value: '1562708916.5', want: 1562708916500000000n },
  { format: 'UnixMs', value: '1562708916414', want: 1562708916414000000n },
  { format: 'UnixUs', value: '1562708916414123', want: 1562708916414123000n },
  { format: 'UnixNs', value: '1562708916000000123', want: 1562708916000000123n },
  { format: 'Unix', value: 'abc', want: 'strconv.ParseInt: parsing "abc": invalid syntax' },
  { format: 'UnixMs', value: '1.5', want: 'strconv.ParseInt: parsing "1.5": invalid syntax' },
];

for (const c of unixCases) {
  test(`parseUnixTimestamp: ${c.format} ${c.value}`, () => {
    const got = parseUnixTimestamp(c.format, c.value);
    if (typeof c.want === 'string') assert.deepEqual(got, { ok: false, error: c.want });
    else assert.deepEqual(got, { ok: true, value: c.want });
  });
}
