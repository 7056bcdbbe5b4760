import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTimeRow, timeTable } from './time.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const rowCases = [
  {
    unix: 1462227652, tz: 'CEST',
    expected: {
      weekday: 'Monday', year: 2016, month: 5, day: 2, hour: 22, minutes: 20, seconds: 52, timezone: 'UTC', local_timezone: 'CEST',
      unix_time: 1462227652, timestamp: 'Mon May  2 22:20:52 2016 UTC', datetime: '2016-05-02T22:20:52Z', iso_8601: '2016-05-02T22:20:52Z',
    },
  },
  {
    unix: 1412098650, tz: '',
    expected: {
      weekday: 'Tuesday', year: 2014, month: 9, day: 30, hour: 17, minutes: 37, seconds: 30, timezone: 'UTC', local_timezone: 'UTC',
      unix_time: 1412098650, timestamp: 'Tue Sep 30 17:37:30 2014 UTC', datetime: '2014-09-30T17:37:30Z', iso_8601: '2014-09-30T17:37:30Z',
    },
  },
];
for (const c of rowCases) {
  test(`buildTimeRow(${c.unix}) matches osquery's formats`, () => {
    assert.deepEqual(buildTimeRow(c.unix, c.tz), c.expected);
  });
}

test('buildTimeRow reports UTC when the zone name would not fit osquery\'s 8-byte buffer', () => {
  assert.equal(buildTimeRow(0, '+0530abc').local_timezone, 'UTC');
  assert.equal(buildTimeRow(0, '+0530ab').local_timezone, '+0530ab');
  assert.equal(buildTimeRow(0, 'X').timestamp, 'Thu Jan  1 00:00:00 1970 UTC');
});

test('time yields the current second with osquery column shapes', () => {
  const before = Math.floor(Date.now() / 1000);
  const { rows } = runGenerator(timeTable);
  assert.equal(rows.length, 1);
  const unix = Number(rows[0]?.unix_time);
  assert.ok(unix >= before && unix <= before + 2);
  assert.deepEqual(
    validateRows('time', rows, {
      weekday: /^(Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day$/, year: 'NonNegativeInt', month: /^([1-9]|1[0-2])$/, day: /^([1-9]|[12][0-9]|3[01])$/,
      hour: /^([0-9]|1[0-9]|2[0-3])$/, minutes: /^[0-5]?[0-9]$/, seconds: /^([0-5]?[0-9]|60)$/, timezone: (v) => v === 'UTC',
      local_timezone: 'NonEmptyString', unix_time: 'NonNegativeInt', timestamp: /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} UTC$/,
      datetime: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, iso_8601: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    }),
    [],
  );
});
