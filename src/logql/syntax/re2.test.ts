import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeGoRegexp } from './re2.js';

// [pattern, Go's error (undefined when it compiles)]
const errorCases: ReadonlyArray<readonly [string, string | undefined]> = [
  ['abc', undefined],
  ['a|b|', undefined],
  ['(?i)foo', undefined],
  ['(?s:.)', undefined],
  ['(?i-s)x', undefined],
  ['(?P<name>x)(?<other>y)', undefined],
  ['[[:alpha:]\\d\\pL\\p{Greek}]+', undefined],
  ['\\x41\\x{1F600}\\101\\Qa.b\\E', undefined],
  ['a{2,3}b{2,}c{0}', undefined],
  ['a{,2}', undefined],
  ['x{1001', undefined],
  ['\\_\\.\\-', undefined],
  ['^$\\A\\z\\b\\B', undefined],
  ['(', 'error parsing regexp: missing closing ): `(`'],
  ['(a))', 'error parsing regexp: unexpected ): `(a))`'],
  [')', 'error parsing regexp: unexpected ): `)`'],
  ['[a', 'error parsing regexp: missing closing ]: `[a`'],
  ['[]', 'error parsing regexp: missing closing ]: `[]`'],
  ['[z-a]', 'error parsing regexp: invalid character class range: `z-a`'],
  ['[[:foo:]]', 'error parsing regexp: invalid character class range: `[:foo:]`'],
  ['\\pX', 'error parsing regexp: invalid character class range: `\\pX`'],
  ['\\q', 'error parsing regexp: invalid escape sequence: `\\q`'],
  ['\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
  ['\\C', 'error parsing regexp: invalid escape sequence: `\\C`'],
  ['\\xZZ', 'error parsing regexp: invalid escape sequence: `\\xZZ`'],
  ['a\\', 'error parsing regexp: trailing backslash at end of expression: ``'],
  ['*', 'error parsing regexp: missing argument to repetition operator: `*`'],
  ['a|+', 'error parsing regexp: missing argument to repetition operator: `+`'],
  ['(?i)*', 'error parsing regexp: missing argument to repetition operator: `*`'],
  ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
  ['a*?+', 'error parsing regexp: invalid nested repetition operator: `*?+`'],
  ['a{2}{3}', 'error parsing regexp: invalid nested repetition operator: `{2}{3}`'],
  ['a{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
  ['a{3,2}', 'error parsing regexp: invalid repeat count: `{3,2}`'],
  ['(?=x)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
  ['(?!x)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?!`'],
  ['(?<=x)', 'error parsing regexp: invalid named capture: `(?<=x)`'],
  ['(?P<>x)', 'error parsing regexp: invalid named capture: `(?P<>`'],
  ['(?P<a', 'error parsing regexp: invalid named capture: `(?P<a`'],
];

for (const [pattern, expected] of errorCases) {
  test(`analyzeGoRegexp(${JSON.stringify(pattern)}) error is ${expected ?? 'none'}`, () => {
    assert.equal(analyzeGoRegexp(pattern).error, expected);
  });
}

test('analyzeGoRegexp lists capture names in order, unnamed as empty', () => {
  assert.deepEqual(analyzeGoRegexp('(a)(?P<x>b)(?:c)(?<y>d)').captureNames, ['', 'x', 'y']);
});

test('analyzeGoRegexp does not overflow on deep nesting', () => {
  const deep = `${'('.repeat(1500)}a${')'.repeat(1500)}`;
  assert.equal(analyzeGoRegexp(deep).error, `error parsing regexp: expression nests too deeply: \`${deep}\``);
});
