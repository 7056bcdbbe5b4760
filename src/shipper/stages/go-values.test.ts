import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeGoJson, formatGoFloat, toGoFloat, toGoString } from './go-values.js';

const floats: ReadonlyArray<readonly [number, string]> = [
  [1, '1'],
  [2e3, '2000'],
  [125, '125'],
  [0.5, '0.5'],
  [1e21, '1000000000000000000000'],
  [1.5e-7, '0.00000015'],
  [-1.25e22, '-12500000000000000000000'],
  [1796320790, '1796320790'],
  [0.1 + 0.2, '0.30000000000000004'],
  [-0, '-0'],
  [Infinity, '+Inf'],
  [NaN, 'NaN'],
];

for (const [value, want] of floats) {
  test(`formatGoFloat(${value}) is strconv.FormatFloat 'f' -1: ${want}`, () => {
    assert.equal(formatGoFloat(value), want);
  });
}

test('toGoString: strings, numbers, booleans convert; nil and objects do not', () => {
  assert.deepEqual([toGoString('s'), toGoString(2e3), toGoString(true), toGoString(null), toGoString({}), toGoString(undefined)], ['s', '2000', 'true', undefined, undefined, undefined]);
});

const toFloat: ReadonlyArray<readonly [unknown, number | undefined]> = [
  [3, 3],
  [true, 1],
  [false, 0],
  ['0.804', 0.804],
  ['1e3', 1000],
  ['+Inf', Infinity],
  ['-inf', -Infinity],
  ['0.5ms', 0.0005],
  ['10h', 36000],
  ['1h30m', 5400],
  ['abc', undefined],
  ['', undefined],
  [null, undefined],
];

for (const [value, want] of toFloat) {
  test(`toGoFloat(${JSON.stringify(value)}) is ${want}`, () => {
    assert.equal(toGoFloat(value), want);
  });
}

test('encodeGoJson: compact, HTML-safe, sorted keys, raw UTF-8', () => {
  assert.equal(encodeGoJson({ z: [1, 2.5, null, true], a: '<a href="x">&</a>', é: 'ü\u2028\n' }), '{"a":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e","z":[1,2.5,null,true],"é":"ü\\u2028\\n"}');
});

test('encodeGoJson: -0 and \\b \\f as json-iterator writes them', () => {
  assert.equal(encodeGoJson([-0, 'a\bb\fc\\b']), '[-0,"a\\u0008b\\u000cc\\\\b"]');
});
