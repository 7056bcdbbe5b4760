import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpr } from '../syntax/index.js';
import type { LogSelectorExpr } from '../syntax/ast.js';
import { compileLogPipeline } from './compile.js';

// Loki's TestLogfmtParser_parse cases (pkg/logql/log/parser_test.go): stream {foo="bar"},
// expected label keys without and with --strict.
const cases: { name: string; line: string; want: string; strict?: string }[] = [
  {
    name: 'not logfmt',
    line: 'foobar====wqe=sdad1r',
    want: '{foo="bar"}',
    strict: '{__error__="LogfmtParserErr", __error_details__="logfmt syntax error at pos 8 : unexpected \'=\'", foo="bar"}',
  },
  { name: 'utf8 error rune', line: 'buzz=foo bar=\uFFFDf', want: '{bar=" f", buzz="foo", foo="bar"}' },
  { name: 'key alone', line: 'buzz bar=foo', want: '{bar="foo", foo="bar"}' },
  { name: 'quoted', line: 'foobar="foo bar"', want: '{foo="bar", foobar="foo bar"}' },
  { name: 'escaped control chars', line: 'foobar="foo\\nbar\\tbaz"', want: '{foo="bar", foobar="foo\\nbar\\tbaz"}' },
  { name: 'literal control chars', line: 'foobar="foo\nbar\tbaz"', want: '{foo="bar", foobar="foo\\nbar\\tbaz"}' },
  { name: 'escaped backslash', line: 'foobar="foo ba\\\\r baz"', want: '{foo="bar", foobar="foo ba\\\\r baz"}' },
  { name: 'literal newline and escaped backslash', line: 'foobar="foo bar\nb\\\\az"', want: '{foo="bar", foobar="foo bar\\nb\\\\az"}' },
  { name: 'duplicate from line property', line: 'foobar="foo bar" foobar=10ms', want: '{foo="bar", foobar="10ms"}' },
  { name: 'duplicate stream label', line: 'foo="foo bar" foobar=10ms', want: '{foo="bar", foo_extracted="foo bar", foobar="10ms"}' },
  { name: 'invalid key names', line: 'foo="foo bar" foo.bar=10ms test-dash=foo', want: '{foo="bar", foo_bar="10ms", foo_extracted="foo bar", test_dash="foo"}' },
  {
    name: 'empty key',
    line: 'foo="foo bar" =notkey bar=10ms',
    want: '{bar="10ms", foo="bar", foo_extracted="foo bar"}',
    strict: '{__error__="LogfmtParserErr", __error_details__="logfmt syntax error at pos 15 : unexpected \'=\'", foo="bar", foo_extracted="foo bar"}',
  },
  {
    name: 'error rune in key',
    line: 'foo="foo bar" b\uFFFDr=10ms',
    want: '{foo="bar", foo_extracted="foo bar"}',
    strict: '{__error__="LogfmtParserErr", __error_details__="logfmt syntax error at pos 20 : invalid key", foo="bar", foo_extracted="foo bar"}',
  },
  {
    name: 'double quote in key',
    line: 'foo="foo bar" bu"zz=10ms',
    want: '{foo="bar", foo_extracted="foo bar"}',
    strict: '{__error__="LogfmtParserErr", __error_details__="logfmt syntax error at pos 17 : unexpected \'\\"\'", foo="bar", foo_extracted="foo bar"}',
  },
  {
    name: '= in value',
    line: 'bar=bu=zz foo="foo bar"',
    want: '{foo="bar", foo_extracted="foo bar"}',
    strict: '{__error__="LogfmtParserErr", __error_details__="logfmt syntax error at pos 7 : unexpected \'=\'", foo="bar"}',
  },
];

for (const strict of [false, true]) {
  const p = compileLogPipeline(parseExpr(`{foo="bar"} | logfmt${strict ? ' --strict' : ''}`) as LogSelectorExpr).forStream({ foo: 'bar' });
  for (const c of cases) {
    test(`logfmt${strict ? ' --strict' : ''}: ${c.name}`, () => {
      assert.equal(p.process(0n, c.line)?.key, strict ? (c.strict ?? c.want) : c.want);
    });
  }
}

test('logfmt --keep-empty: bare keys become empty labels, colliding names get _extracted', () => {
  const p = compileLogPipeline(parseExpr('{foo="bar"} | logfmt --keep-empty') as LogSelectorExpr).forStream({ foo: 'bar' });
  assert.equal(p.process(0n, 'foo bar=buzz')?.key, '{bar="buzz", foo="bar", foo_extracted=""}');
  assert.equal(p.process(0n, 'foo=b\uFFFDr bar=buzz')?.key, '{bar="buzz", foo="bar", foo_extracted="b r"}');
});

test('logfmt expressions: renames, missing keys, collisions as Loki', () => {
  const line = 'app=foo level=error spaces="value with ÜFT8👌" ts=2021-02-12T19:18:10.037940878Z';
  const run = (q: string, stream: Record<string, string>): string | undefined =>
    compileLogPipeline(parseExpr(`{x="y"} | logfmt ${q}`) as LogSelectorExpr).forStream(stream).process(0n, line)?.key;
  assert.equal(run('lvl="level", timestamp="ts", spaces, nope', { x: 'y' }), '{lvl="error", nope="", spaces="value with ÜFT8👌", timestamp="2021-02-12T19:18:10.037940878Z", x="y"}');
  assert.equal(run('app', { app: 'bar' }), '{app="bar", app_extracted="foo"}');
  assert.equal(run('lvl="level"', { level: 'debug' }), '{level="debug", lvl="error"}');
  assert.throws(() => run('app="field with space"', { x: 'y' }), { message: "parse error : stage '| logfmt app=\"field with space\"' : cannot parse expression [field with space]: syntax error: unexpected KEY" });
});
