import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGoRegex } from './regex.js';

const matchCases: { re: string; input: string; want: boolean; dotNL?: boolean }[] = [
  { re: 'a.b', input: 'a\nb', want: false },
  { re: 'a.b', input: 'a\nb', want: true, dotNL: true },
  { re: '(?s)a.b', input: 'a\nb', want: true },
  { re: '(?s:a.)b', input: 'a\nb', want: true },
  { re: 'a.b', input: 'a\rb', want: true },
  { re: '^b', input: 'a\nb', want: false },
  { re: '(?m)^b', input: 'a\nb', want: true },
  { re: 'a$', input: 'a\n', want: false },
  { re: '(?m)a$', input: 'a\nb', want: true },
  { re: '\\Aab\\z', input: 'ab', want: true },
  { re: '(?i)error', input: 'ERROR', want: true },
  { re: '(?i:e)rror', input: 'ERROR', want: false },
  { re: 'x(?i)abc', input: 'xABC', want: true },
  { re: '(?i)K', input: '\u212a', want: true },
  { re: '(?i)[^a]', input: 'A', want: false },
  { re: '(?i)[a-c]+', input: 'AbC', want: true },
  { re: '[^a]', input: '\n', want: true },
  { re: '\\s', input: '\v', want: false },
  { re: '\\s', input: '\f', want: true },
  { re: '[[:alpha:]]+[[:digit:]]', input: 'abc1', want: true },
  { re: '[[:^alpha:]]', input: 'a', want: false },
  { re: '\\Qa.b\\E', input: 'axb', want: false },
  { re: '\\Qa.b\\E', input: 'a.b', want: true },
  { re: '\\pL', input: 'é', want: true },
  { re: '\\p{Greek}', input: 'λ', want: true },
  { re: '\\PL', input: 'a', want: false },
  { re: '\\x{263a}', input: '\u263a', want: true },
  { re: '\\101', input: 'A', want: true },
  { re: 'x{,3}', input: 'x{,3}', want: true },
  { re: '^*a', input: 'a', want: true },
  { re: '(?U)a+', input: 'aaa', want: true },
  { re: '\\d+', input: '٣', want: false },
  { re: '.', input: '😀', want: true },
];

for (const c of matchCases) {
  test(`compileGoRegex(${JSON.stringify(c.re)}${c.dotNL === true ? ', dotNL' : ''}) ${c.want ? 'matches' : 'does not match'} ${JSON.stringify(c.input)}`, () => {
    assert.equal(compileGoRegex(c.re, { dotNL: c.dotNL === true }).regexp.test(c.input), c.want);
  });
}

test('compileGoRegex: nested counted repeats up to a product of 1000 are fine', () => {
  assert.equal(compileGoRegex('((a{10}){10}){10}').regexp.test('a'.repeat(1000)), true);
  assert.equal(compileGoRegex('(a{0}){1000}(b{1000}){0,1}').regexp.test('b'), true);
  assert.equal(compileGoRegex('(a*){1000}').regexp.test('aa'), true);
});

test('compileGoRegex: anchored wraps the whole alternation', () => {
  const re = compileGoRegex('a|b', { anchored: true }).regexp;
  assert.equal(re.test('a'), true);
  assert.equal(re.test('ab'), false);
});

test('compileGoRegex: (?U) swaps greediness', () => {
  assert.equal(compileGoRegex('(?U)a+').regexp.exec('aaa')?.[0], 'a');
  assert.equal(compileGoRegex('(?U)a+?').regexp.exec('aaa')?.[0], 'aaa');
});

test('compileGoRegex: group names by index, Go names that are not JS identifiers', () => {
  const r = compileGoRegex('(?P<a>x)(y)(?<1b>z)');
  assert.deepEqual(r.groupNames, [undefined, 'a', undefined, '1b']);
  assert.deepEqual([...(r.regexp.exec('xyz') ?? [])], ['xyz', 'x', 'y', 'z']);
});

test('compileGoRegex: literal is reported for operator-free patterns, escapes resolved', () => {
  assert.equal(compileGoRegex('foo bar').literal, 'foo bar');
  assert.equal(compileGoRegex('foo.bar').literal, undefined);
  assert.equal(compileGoRegex('foo\\.bar\\x41\\Q*+\\E').literal, 'foo.barA*+');
  assert.equal(compileGoRegex('(?i)foo').literal, undefined);
  assert.equal(compileGoRegex('(?s)foo').literal, 'foo');
  assert.equal(compileGoRegex('a|b').literal, undefined);
  assert.equal(compileGoRegex('a*').literal, undefined);
  assert.equal(compileGoRegex('(a)').literal, undefined);
  assert.equal(compileGoRegex('^a').literal, undefined);
});

const errorCases: { re: string; err: string }[] = [
  { re: '(a', err: 'missing closing ): `(a`' },
  { re: 'a)', err: 'unexpected ): `a)`' },
  { re: 'x[a', err: 'missing closing ]: `[a`' },
  { re: '*', err: 'missing argument to repetition operator: `*`' },
  { re: '(+)', err: 'missing argument to repetition operator: `+`' },
  { re: 'a|?', err: 'missing argument to repetition operator: `?`' },
  { re: 'a**', err: 'invalid nested repetition operator: `**`' },
  { re: 'a*+', err: 'invalid nested repetition operator: `*+`' },
  { re: 'x{2}{3}', err: 'invalid nested repetition operator: `{2}{3}`' },
  { re: 'a{1001}', err: 'invalid repeat count: `{1001}`' },
  { re: 'a{3,2}', err: 'invalid repeat count: `{3,2}`' },
  { re: '(a{100}){100}', err: 'invalid repeat count: `{100}`' },
  { re: '((a{10}b){10}){11}', err: 'invalid repeat count: `{11}`' },
  { re: '(x{2}|y{600}){2}?', err: 'invalid repeat count: `{2}?`' },
  { re: '(?=x)', err: 'invalid or unsupported Perl syntax: `(?=`' },
  { re: '(?!x)', err: 'invalid or unsupported Perl syntax: `(?!`' },
  { re: '(?i', err: 'invalid or unsupported Perl syntax: `(?i`' },
  { re: '(?-)', err: 'invalid or unsupported Perl syntax: `(?-)`' },
  { re: '(?P<>x)', err: 'invalid named capture: `(?P<>`' },
  { re: '(?P<a-b>x)', err: 'invalid named capture: `(?P<a-b>`' },
  { re: '\\1', err: 'invalid escape sequence: `\\1`' },
  { re: '\\Z', err: 'invalid escape sequence: `\\Z`' },
  { re: '\\C', err: 'invalid escape sequence: `\\C`' },
  { re: 'a\\', err: 'trailing backslash at end of expression: ``' },
  { re: '[z-a]', err: 'invalid character class range: `z-a`' },
  { re: '[[:foo:]]', err: 'invalid character class range: `[:foo:]`' },
  { re: '\\p{Foo}', err: 'invalid character class range: `\\p{Foo}`' },
];

for (const c of errorCases) {
  test(`compileGoRegex(${JSON.stringify(c.re)}) fails with Go's error text`, () => {
    assert.throws(() => compileGoRegex(c.re), (e: Error & { code?: string }) => {
      assert.equal(e.message, `error parsing regexp: ${c.err}`);
      assert.equal(e.code, 'ERR_LOGQL_PARSE');
      return true;
    });
  });
}
