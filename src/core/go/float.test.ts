import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoFloat, formatGoFloatFixed, formatGoFloatPrecision6, parseGoFloat } from './float.js';

// [input, value or strconv.ParseFloat's error text]
const parseCases: ReadonlyArray<readonly [string, number | string]> = [
  ['1', 1],
  ['-1.5', -1.5],
  ['+2', 2],
  ['.5', 0.5],
  ['5.', 5],
  ['1e3', 1000],
  ['1E-2', 0.01],
  ['010', 10],
  ['1_000', 1000],
  ['0x1p4', 16],
  ['0x1.8p1', 3],
  ['-0x10p-4', -1],
  ['inf', Infinity],
  ['+Inf', Infinity],
  ['-infinity', -Infinity],
  ['NaN', NaN],
  ['', 'strconv.ParseFloat: parsing "": invalid syntax'],
  ['abc', 'strconv.ParseFloat: parsing "abc": invalid syntax'],
  ['0x10', 'strconv.ParseFloat: parsing "0x10": invalid syntax'],
  ['0b101', 'strconv.ParseFloat: parsing "0b101": invalid syntax'],
  ['1__0', 'strconv.ParseFloat: parsing "1__0": invalid syntax'],
  ['_1', 'strconv.ParseFloat: parsing "_1": invalid syntax'],
  ['+nan', 'strconv.ParseFloat: parsing "+nan": invalid syntax'],
  ['1e400', 'strconv.ParseFloat: parsing "1e400": value out of range'],
  ['1.2.3', 'strconv.ParseFloat: parsing "1.2.3": invalid syntax'],
  [' 1', 'strconv.ParseFloat: parsing " 1": invalid syntax'],
];

for (const [input, expected] of parseCases) {
  test(`parseGoFloat(${JSON.stringify(input)}) gives ${String(expected)}`, () => {
    const result = parseGoFloat(input);
    if (typeof expected === 'number') assert.deepEqual(result, { ok: true, value: expected });
    else assert.deepEqual(result, { ok: false, error: expected });
  });
}

// [value, %v, FormatFloat 'f' -1, %f]
const formatCases: ReadonlyArray<readonly [number, string, string, string]> = [
  [0, '0', '0', '0.000000'],
  [1, '1', '1', '1.000000'],
  [-2.5, '-2.5', '-2.5', '-2.500000'],
  [0.1, '0.1', '0.1', '0.100000'],
  [1e-5, '1e-05', '0.00001', '0.000010'],
  [1.5e-7, '1.5e-07', '0.00000015', '0.000000'],
  [123456789, '1.23456789e+08', '123456789', '123456789.000000'],
  [1e21, '1e+21', '1000000000000000000000', '1e+21'],
  [NaN, 'NaN', 'NaN', 'NaN'],
  [Infinity, '+Inf', '+Inf', '+Inf'],
  [-Infinity, '-Inf', '-Inf', '-Inf'],
];

for (const [value, v, fixed, six] of formatCases) {
  test(`formatGoFloat(${value}) is ${v}, fixed ${fixed}`, () => {
    assert.equal(formatGoFloat(value), v);
    assert.equal(formatGoFloatFixed(value), fixed);
    if (Math.abs(value) < 1e21 || !Number.isFinite(value)) assert.equal(formatGoFloatPrecision6(value), six);
  });
}
