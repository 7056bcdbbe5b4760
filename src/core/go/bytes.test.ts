import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBytes } from './bytes.js';

// [input, bytes or humanize's error text]
const cases: ReadonlyArray<readonly [string, number | string]> = [
  ['42', 42],
  ['42B', 42],
  ['42b', 42],
  ['1kB', 1000],
  ['1KB', 1000],
  ['1k', 1000],
  ['1KiB', 1024],
  ['1.5KiB', 1536],
  ['42MB', 42_000_000],
  ['42mib', 44_040_192],
  ['1GB', 1e9],
  ['1GiB', 1024 ** 3],
  ['2TB', 2e12],
  ['1PiB', 1024 ** 5],
  ['1EB', 1e18],
  ['1,000B', 1000],
  ['1.9B', 1],
  ['20 KB', 20_000],
  ['5 ', 5],
  ['', 'strconv.ParseFloat: parsing "": invalid syntax'],
  ['KB', 'strconv.ParseFloat: parsing "": invalid syntax'],
  ['1.2.3KB', 'strconv.ParseFloat: parsing "1.2.3": invalid syntax'],
  ['.', 'strconv.ParseFloat: parsing ".": invalid syntax'],
  ['12XB', 'unhandled size name: xb'],
  ['-1B', 'strconv.ParseFloat: parsing "": invalid syntax'],
  ['20EB', 'too large: 20EB'],
];

for (const [input, expected] of cases) {
  test(`parseBytes(${JSON.stringify(input)}) gives ${expected}`, () => {
    const result = parseBytes(input);
    if (typeof expected === 'number') assert.deepEqual(result, { ok: true, value: expected });
    else assert.deepEqual(result, { ok: false, error: expected });
  });
}
