import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSimplifiableRegex } from './regex-simplify.js';

// [regex, whether Loki's RegexSimplifier replaces it (printed as a plain matcher)]
const cases: ReadonlyArray<readonly [string, boolean]> = [
  ['', true],
  ['error', true],
  ['(?i)error', true],
  ['api\\.example\\.com', true],
  ['[a]', true],
  ['.*', true],
  ['.*?', true],
  ['.+', true],
  ['.*timeout.*', true],
  ['/api/.*', true],
  ['error|warn', true],
  ['error|', true],
  ['x|xy', true],
  ['ab|c', true],
  ['GET|POST|PUT|DELETE', true],
  ['(?i)(error|warn)', true],
  ['foo(bar|qux)', true],
  ['(foo)', true],
  ['(?:foo|bar)', true],
  ['a.*.*', true],
  ['a|b', false],
  ['a|b|cd', false],
  ['bar|baz', false],
  ['foo(bar|baz)', false],
  ['^err$', false],
  ['\\w.*', false],
  ['5..', false],
  ['web-[0-9]+', false],
  ['.+foo', false],
  ['foo.*bar', false],
  ['(?s).*', false],
  ['a{2}', false],
  ['foo(?i)bar', false],
  ['.*(error|warn).*', false],
  ['(error|warn).*', false],
];

for (const [regex, expected] of cases) {
  test(`isSimplifiableRegex(${JSON.stringify(regex)}) is ${expected}`, () => {
    assert.equal(isSimplifiableRegex(regex), expected);
  });
}
