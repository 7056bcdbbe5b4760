import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Matcher } from '../syntax/ast.js';
import { compileMatcher, compileSelectorMatchers, matcherMatchesEmpty } from './matcher.js';

const cases: { m: Matcher; value: string; want: boolean }[] = [
  { m: { name: 'a', op: '=', value: 'b' }, value: 'b', want: true },
  { m: { name: 'a', op: '=', value: 'b' }, value: 'bb', want: false },
  { m: { name: 'a', op: '=', value: '' }, value: '', want: true },
  { m: { name: 'a', op: '!=', value: '' }, value: '', want: false },
  { m: { name: 'a', op: '!=', value: 'b' }, value: 'c', want: true },
  { m: { name: 'a', op: '=~', value: 'b' }, value: 'abc', want: false },
  { m: { name: 'a', op: '=~', value: 'b.*' }, value: 'bcd', want: true },
  { m: { name: 'a', op: '=~', value: '.*c' }, value: 'abc', want: true },
  { m: { name: 'a', op: '=~', value: '.*b.*' }, value: 'abc', want: true },
  { m: { name: 'a', op: '=~', value: 'api|web' }, value: 'web', want: true },
  { m: { name: 'a', op: '=~', value: 'api|web' }, value: 'webx', want: false },
  { m: { name: 'a', op: '=~', value: 'a|b.' }, value: 'bc', want: true },
  { m: { name: 'a', op: '=~', value: 'a|b.' }, value: 'a', want: true },
  { m: { name: 'a', op: '=~', value: 'a|b.' }, value: 'ab', want: false },
  { m: { name: 'a', op: '=~', value: '.*' }, value: '', want: true },
  { m: { name: 'a', op: '=~', value: '.+' }, value: '', want: false },
  { m: { name: 'a', op: '=~', value: 'x.y' }, value: 'x\ny', want: true },
  { m: { name: 'a', op: '=~', value: '(?i)ERR' }, value: 'err', want: true },
  { m: { name: 'a', op: '!~', value: 'a.*' }, value: 'abc', want: false },
  { m: { name: 'a', op: '!~', value: 'a.*' }, value: 'bc', want: true },
  { m: { name: 'a', op: '!~', value: '' }, value: '', want: false },
];

for (const c of cases) {
  test(`compileMatcher(a${c.m.op}${JSON.stringify(c.m.value)}) on ${JSON.stringify(c.value)} is ${c.want}`, () => {
    assert.equal(compileMatcher(c.m)(c.value), c.want);
  });
}

test('compileMatcher: an invalid regex throws Go error text even on a fast-path shape', () => {
  assert.throws(() => compileMatcher({ name: 'a', op: '=~', value: '(' }), /error parsing regexp: missing closing \): `\(`/);
  assert.throws(() => compileMatcher({ name: 'a', op: '=~', value: 'a**|b' }), /invalid nested repetition operator/);
});

test('matcherMatchesEmpty: empty-compatible matchers', () => {
  assert.equal(matcherMatchesEmpty({ name: 'a', op: '=~', value: '.*' }), true);
  assert.equal(matcherMatchesEmpty({ name: 'a', op: '=~', value: '.+' }), false);
  assert.equal(matcherMatchesEmpty({ name: 'a', op: '!=', value: 'x' }), true);
  assert.equal(matcherMatchesEmpty({ name: 'a', op: '=', value: 'x' }), false);
});

test('compileSelectorMatchers: AND of matchers, absent labels are empty', () => {
  const match = compileSelectorMatchers({
    kind: 'StreamSelector',
    matchers: [
      { name: 'app', op: '=', value: 'api' },
      { name: 'env', op: '=', value: '' },
      { name: 'pod', op: '=~', value: 'api-.+' },
    ],
  });
  assert.equal(match({ app: 'api', pod: 'api-1' }), true);
  assert.equal(match({ app: 'api', pod: 'api-1', env: 'prod' }), false);
  assert.equal(match({ app: 'api', pod: 'api-' }), false);
  assert.equal(match({ pod: 'api-1' }), false);
  const absent = compileSelectorMatchers([{ name: 'constructor', op: '=', value: '' }]);
  assert.equal(absent({}), true);
});
