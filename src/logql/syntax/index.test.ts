import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WatchpostError } from '../../core/index.js';
import {
  MAX_QUERY_BYTES,
  collectLogRanges,
  collectMatchers,
  collectSelectors,
  formatQuery,
  matchesEmpty,
  parseDurationNs,
  parseExpr,
  parseLogSelector,
  parseSelector,
  printExpr,
  walkExpr,
} from './index.js';

function parseError(fn: () => unknown): WatchpostError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof WatchpostError, `not a WatchpostError: ${String(err)}`);
    assert.equal(err.code, 'ERR_LOGQL_PARSE');
    return err;
  }
  assert.fail('expected a parse error');
}

test('parseExpr error carries line, col and the reason without the prefix', () => {
  const err = parseError(() => parseExpr('{foo="bar"'));
  assert.equal(err.message, 'parse error at line 1, col 11: syntax error: unexpected $end, expecting } or ,');
  assert.deepEqual(err.details, { line: 1, col: 11, reason: 'syntax error: unexpected $end, expecting } or ,' });
  assert.equal(err.status, 400);
});

test('parseExpr refuses input of MAX_QUERY_BYTES bytes or more with Loki\'s message', () => {
  const query = `{app="${'x'.repeat(MAX_QUERY_BYTES)}"}`;
  const err = parseError(() => parseExpr(query));
  assert.equal(err.message, `parse error : input size too long (${Buffer.byteLength(query)} > ${MAX_QUERY_BYTES})`);
  assert.doesNotThrow(() => parseExpr(`{app="${'x'.repeat(MAX_QUERY_BYTES - 20)}"}`));
});

test('parseExpr counts the size limit in UTF-8 bytes', () => {
  const query = `{app="${'é'.repeat(MAX_QUERY_BYTES / 2)}"}`;
  assert.match(parseError(() => parseExpr(query)).message, /^parse error : input size too long \(\d+ > 131072\)$/);
});

const selectorCases: ReadonlyArray<readonly [string, string]> = [
  ['{app="x"}', '{app="x"}'],
  ['{app!="x"}', '{app!="x"}'],
  ['{}', '{}'],
  ['{a=~".*", b!~"y"}', '{a=~".*", b!~"y"}'],
];

for (const [input, printed] of selectorCases) {
  test(`parseSelector(${input}) keeps matchers without the empty-matcher rule`, () => {
    const selector = parseSelector(input);
    assert.equal(selector.kind, 'StreamSelector');
    assert.equal(printExpr({ kind: 'LogSelectorExpr', selector, stages: [] }), printed);
  });
}

test('parseSelector rejects pipelines and metric queries as Loki does', () => {
  assert.equal(parseError(() => parseSelector('{app="x"} |= "a"')).message, 'only label matchers are supported');
  assert.equal(parseError(() => parseSelector('rate({app="x"}[1m])')).message, 'only label matchers are supported');
  assert.match(parseError(() => parseSelector('{app=')).message, /^parse error at line 1, col 6: syntax error/);
});

test('parseLogSelector returns the pipeline and validates only when asked', () => {
  const expr = parseLogSelector('{app!="x"} |= "a" | json');
  assert.equal(expr.stages.length, 2);
  assert.match(parseError(() => parseLogSelector('{app!="x"}', { validate: true })).message, /queries require at least one regexp/);
  assert.equal(parseError(() => parseLogSelector('count_over_time({a="b"}[1m])')).message, 'parse error : only log selector is supported');
});

test('collect helpers walk every selector and range left to right', () => {
  const expr = parseExpr('sum(rate({a="1"}[1m])) / on (x) count_over_time({b="2", c!="3"} |= "x" [5m] offset 1m)');
  assert.deepEqual(collectSelectors(expr).map((s) => s.matchers.map((m) => m.name)), [['a'], ['b', 'c']]);
  assert.deepEqual(collectMatchers(expr)[1], [
    { name: 'b', op: '=', value: '2' },
    { name: 'c', op: '!=', value: '3' },
  ]);
  assert.deepEqual(collectLogRanges(expr).map((r) => [r.rangeNs, r.offsetNs]), [
    [60e9, 0],
    [300e9, 60e9],
  ]);
  const kinds: string[] = [];
  walkExpr(expr, (e) => {
    kinds.push(e.kind);
  });
  assert.deepEqual(kinds, ['BinOp', 'VectorAggregation', 'RangeAggregation', 'LogSelectorExpr', 'RangeAggregation', 'LogSelectorExpr']);
});

test('walkExpr skips children when the visitor returns false', () => {
  const kinds: string[] = [];
  walkExpr(parseExpr('sum(rate({a="1"}[1m]))'), (e) => {
    kinds.push(e.kind);
    return e.kind !== 'VectorAggregation';
  });
  assert.deepEqual(kinds, ['VectorAggregation']);
});

const emptyCases: ReadonlyArray<readonly [string, boolean]> = [
  ['{a=""}', true],
  ['{a="x"}', false],
  ['{a!="x"}', true],
  ['{a!=""}', false],
  ['{a=~".*"}', true],
  ['{a=~".+"}', false],
  ['{a=~"x|"}', true],
  ['{a=~"(x)?"}', true],
  ['{a=~"x*y*"}', true],
  ['{a=~"^$"}', true],
  ['{a=~"\\\\b"}', false],
  ['{a!~".*"}', false],
  ['{a!~"x"}', true],
];

for (const [input, expected] of emptyCases) {
  test(`matchesEmpty ${input} is ${expected}`, () => {
    const matcher = parseSelector(input).matchers[0];
    assert.ok(matcher !== undefined);
    assert.equal(matchesEmpty(matcher), expected);
  });
}

test('parseDurationNs reads LogQL durations and throws Go\'s error text', () => {
  assert.equal(parseDurationNs('1h30m'), 5400e9);
  assert.equal(parseDurationNs('1.5s'), 1.5e9);
  assert.equal(parseError(() => parseDurationNs('5x')).message, 'parse error : time: unknown unit "x" in duration "5x"');
});

test('formatQuery keeps short queries on one line and splits long ones', () => {
  assert.equal(formatQuery(parseExpr('{app="x"} |= "a"')), '{app="x"} |= "a"');
  const long = `{app="x"} |= "${'a'.repeat(60)}" |= "${'b'.repeat(60)}" or "c" | json`;
  assert.equal(formatQuery(parseExpr(long)), `{app="x"}\n  |= "${'a'.repeat(60)}"\n  |= "${'b'.repeat(60)}"\n  | json`);
});
