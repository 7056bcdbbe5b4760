import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractJsonPath, parseJsonPath } from './json-expr.js';
import { scanLogfmt } from './logfmt.js';
import { compilePatternExtractor, compilePatternLineFilter } from './pattern.js';
import { compileGoRegex } from './regex.js';
import { countGoMatches, goReplaceAll } from './regex-replace.js';
import { sanitizeLabelKey } from './sanitize.js';

test('scanLogfmt: pairs, bare keys, quoted values and errors', () => {
  const pairs: [string, string | undefined][] = [];
  const errors: string[] = [];
  scanLogfmt('a=1 b="x \\"y\\"" c d= e=""  f="unterminated', (k, v) => pairs.push([k, v]), (e) => (errors.push(e), true));
  assert.deepEqual(pairs, [['a', '1'], ['b', 'x "y"'], ['c', undefined], ['d', ''], ['e', '']]);
  // Go reports an unterminated quote at len(line)+1.
  assert.deepEqual(errors, ['logfmt syntax error at pos 43 : unterminated quoted value']);
});

test('scanLogfmt: unexpected bytes report Go positions', () => {
  const errors: string[] = [];
  scanLogfmt('a"b=1 =c x=y=z', () => undefined, (e) => (errors.push(e), true));
  assert.deepEqual(errors, [
    'logfmt syntax error at pos 2 : unexpected \'"\'',
    "logfmt syntax error at pos 7 : unexpected '='",
    "logfmt syntax error at pos 13 : unexpected '='",
  ]);
});

test('compilePatternExtractor: captures and validation', () => {
  const p = compilePatternExtractor('<ip> - <user> [<_>] "<req>"');
  assert.deepEqual(p.names, ['ip', 'user', 'req']);
  assert.deepEqual(p.match('1.2.3.4 - bob [now] "GET /"'), ['1.2.3.4', 'bob', 'GET /']);
  assert.deepEqual(p.match('1.2.3.4 no separator'), ['1.2.3.4 no separator']);
  assert.throws(() => compilePatternExtractor('<_> x'), { message: 'at least one capture is required' });
  assert.throws(() => compilePatternExtractor('<a><b>'), { message: "found consecutive capture '<a><b>': invalid expression" });
  assert.throws(() => compilePatternExtractor('<a> <a>'), { message: 'duplicate capture name (a): invalid expression' });
});

test('compilePatternLineFilter: Loki Test() rules', () => {
  const f = compilePatternLineFilter('<_> bar <_>');
  assert.equal(f('foo bar baz'), true);
  assert.equal(f(' bar '), false);
  assert.equal(compilePatternLineFilter('<_> baz')('foo bar baz'), true);
  assert.equal(compilePatternLineFilter('<_> bar')('foo bar baz'), false);
  assert.equal(compilePatternLineFilter('foo <_>')('foo bar baz'), true);
  // Test() does not anchor a leading literal (unlike the pattern parser's Matches).
  assert.equal(compilePatternLineFilter('bar <_>')('foo bar baz'), true);
  assert.equal(compilePatternLineFilter('')(''), true);
  assert.equal(compilePatternLineFilter('')('x'), false);
  assert.throws(() => compilePatternLineFilter('<foo> x'), { message: "named captures are not allowed: found '<foo>'" });
});

test('parseJsonPath: fields, indexes, brackets and Loki errors', () => {
  assert.deepEqual(parseJsonPath('a.b[0]["c d"]'), ['a', 'b', 0, 'c d']);
  assert.deepEqual(parseJsonPath('["columns.host"]'), ['columns.host']);
  assert.throws(() => parseJsonPath('a..b'), { message: 'syntax error: unexpected DOT, expecting FIELD' });
  assert.throws(() => parseJsonPath('a['), { message: 'syntax error: unexpected $end, expecting STRING or INDEX' });
  // Loki's TestJSONExpressionParserFailures
  assert.throws(() => parseJsonPath('field with space'), { message: 'syntax error: unexpected FIELD' });
  assert.throws(() => parseJsonPath('"pod"]'), { message: 'syntax error: unexpected STRING, expecting LSB or FIELD' });
  assert.throws(() => parseJsonPath('["pod"'), { message: 'syntax error: unexpected $end, expecting RSB' });
  assert.throws(() => parseJsonPath('["pod""uuid"]'), { message: 'syntax error: unexpected STRING, expecting RSB' });
});

test('extractJsonPath: values by type', () => {
  const line = '{"a":{"b":[10,{"c":"x\\ty"}],"n":null,"t":true,"f":1.50}}';
  assert.equal(extractJsonPath(line, ['a', 'b', 0]), '10');
  assert.equal(extractJsonPath(line, ['a', 'b', 1, 'c']), 'x\ty');
  assert.equal(extractJsonPath(line, ['a', 'n']), '');
  assert.equal(extractJsonPath(line, ['a', 't']), 'true');
  assert.equal(extractJsonPath(line, ['a', 'f']), '1.50');
  assert.equal(extractJsonPath(line, ['a', 'b']), '[10,{"c":"x\\ty"}]');
  assert.equal(extractJsonPath(line, ['a', 'zz']), undefined);
  assert.equal(extractJsonPath(line, ['a', 'b', 5]), undefined);
});

test('sanitizeLabelKey: Loki key rules', () => {
  assert.deepEqual(
    ['a.b', ' x ', '1abc', 'ü', 'User-Agent', '', 'ok_1'].map((k) => sanitizeLabelKey(k, true)),
    ['a_b', 'x', '_1abc', '_', 'User_Agent', '', 'ok_1'],
  );
  assert.equal(sanitizeLabelKey('1abc', false), '1abc');
});

test('goReplaceAll / countGoMatches: Go empty-match iteration and $ expansion', () => {
  const re = compileGoRegex('(?P<k>\\w+)=(\\d+)');
  assert.equal(goReplaceAll(re, 'a=1 b=2', '$2:${k}', false), '1:a 2:b');
  assert.equal(goReplaceAll(re, 'a=1', '$2x', false), '');
  assert.equal(goReplaceAll(re, 'a=1', '$$${2}x', false), '$1x');
  assert.equal(goReplaceAll(re, 'a=1', '$1', true), '$1');
  assert.equal(goReplaceAll(compileGoRegex('a*'), 'baaac', '-', false), '-b-c-');
  assert.equal(countGoMatches(compileGoRegex('x*'), 'xxyx'), 2);
  assert.equal(countGoMatches(compileGoRegex(''), 'héllo'), 6);
});
