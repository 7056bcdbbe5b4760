import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatGoDuration,
  formatPromDuration,
  parseGoDuration,
  parseLogqlDuration,
  parsePromDuration,
} from './duration.js';

const S = 1e9;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

// [input, nanoseconds or Go/Prometheus error text]
const promCases: ReadonlyArray<readonly [string, number | string]> = [
  ['0', 0],
  ['5m', 5 * M],
  ['1h30m', 90 * M],
  ['1y', 365 * D],
  ['2w', 14 * D],
  ['1d2h', D + 2 * H],
  ['100ms', 100e6],
  ['1m1s1ms', M + S + 1e6],
  ['', 'empty duration string'],
  ['1.5h', 'unknown unit "." in duration "1.5h"'],
  ['5minutes', 'unknown unit "minutes" in duration "5minutes"'],
  ['1s1m', 'not a valid duration string: "1s1m"'],
  ['1m1m', 'not a valid duration string: "1m1m"'],
  ['-5m', 'not a valid duration string: "-5m"'],
  ['5', 'not a valid duration string: "5"'],
  ['m', 'not a valid duration string: "m"'],
  ['1us', 'unknown unit "us" in duration "1us"'],
  ['300y', 'duration out of range'],
];

for (const [input, expected] of promCases) {
  test(`parsePromDuration(${JSON.stringify(input)}) gives ${expected}`, () => {
    const result = parsePromDuration(input);
    if (typeof expected === 'number') assert.deepEqual(result, { ok: true, value: expected });
    else assert.deepEqual(result, { ok: false, error: expected });
  });
}

const goCases: ReadonlyArray<readonly [string, number | string]> = [
  ['0', 0],
  ['-0', 0],
  ['+5s', 5 * S],
  ['1.5h', 1.5 * H],
  ['1h30m', 90 * M],
  ['-3us', -3000],
  ['3µs', 3000],
  ['3μs', 3000],
  ['10ns', 10],
  ['.5s', 0.5 * S],
  ['5.s', 5 * S],
  ['1h1h', 2 * H],
  ['1.000000001s', S + 1],
  ['1.0000000001s', S],
  ['10', 'time: missing unit in duration "10"'],
  ['', 'time: invalid duration ""'],
  ['.s', 'time: invalid duration ".s"'],
  ['1d', 'time: unknown unit "d" in duration "1d"'],
  ['abc', 'time: invalid duration "abc"'],
  ['1sé', 'time: unknown unit "s\\xc3\\xa9" in duration "1s\\xc3\\xa9"'],
  ['9999999999999999999h', 'time: invalid duration "9999999999999999999h"'],
  ['3000000h', 'time: invalid duration "3000000h"'],
];

for (const [input, expected] of goCases) {
  test(`parseGoDuration(${JSON.stringify(input)}) gives ${expected}`, () => {
    const result = parseGoDuration(input);
    if (typeof expected === 'number') assert.deepEqual(result, { ok: true, value: expected });
    else assert.deepEqual(result, { ok: false, error: expected });
  });
}

test('parseLogqlDuration tries Prometheus syntax, then Go syntax', () => {
  assert.deepEqual(parseLogqlDuration('1d'), { ok: true, value: D });
  assert.deepEqual(parseLogqlDuration('1.5h'), { ok: true, value: 1.5 * H });
  assert.deepEqual(parseLogqlDuration('-5m'), { ok: true, value: -5 * M });
  assert.deepEqual(parseLogqlDuration('5x'), { ok: false, error: 'time: unknown unit "x" in duration "5x"' });
});

const promFormats: ReadonlyArray<readonly [number, string]> = [
  [0, '0s'],
  [5 * M, '5m'],
  [90 * M, '1h30m'],
  [365 * D, '1y'],
  [14 * D, '2w'],
  [90 * D, '90d'],
  [D + 2 * H + 3 * S + 4e6, '1d2h3s4ms'],
  [-5 * M, '-5m'],
  [999_999, '0s'],
  [1.5 * S, '1s500ms'],
];

for (const [ns, text] of promFormats) {
  test(`formatPromDuration(${ns}) is ${text}`, () => {
    assert.equal(formatPromDuration(ns), text);
  });
}

const goFormats: ReadonlyArray<readonly [number, string]> = [
  [0, '0s'],
  [1, '1ns'],
  [1500, '1.5µs'],
  [1_500_000, '1.5ms'],
  [S, '1s'],
  [1.5 * S, '1.5s'],
  [2 * M, '2m0s'],
  [H, '1h0m0s'],
  [H + 2 * M + 3.25 * S, '1h2m3.25s'],
  [-5 * S, '-5s'],
  [26 * H, '26h0m0s'],
];

for (const [ns, text] of goFormats) {
  test(`formatGoDuration(${ns}) is ${text}`, () => {
    assert.equal(formatGoDuration(ns), text);
  });
}
