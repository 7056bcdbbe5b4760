import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpr } from '../syntax/index.js';
import type { Expr, RangeAggregation } from '../syntax/ast.js';
import { compileSampleExtractor, utf8Length, type SampleExtractorOptions } from './sample-extractor.js';

function rangeAgg(e: Expr): RangeAggregation {
  if (e.kind === 'RangeAggregation') return e;
  if (e.kind === 'VectorAggregation') return rangeAgg(e.expr);
  throw new Error(`no range aggregation in ${e.kind}`);
}

interface Case {
  readonly name: string;
  readonly query: string;
  readonly line: string;
  readonly options?: SampleExtractorOptions;
  readonly want: { value: number; key: string } | null;
}

const cases: Case[] = [
  { name: 'count_over_time counts 1 with the full label set', query: 'count_over_time({app="foo"} | logfmt [1m])', line: 'a=1', want: { value: 1, key: '{a="1", app="foo"}' } },
  { name: 'rate counts 1', query: 'rate({app="foo"} |= "x" [1m])', line: 'x', want: { value: 1, key: '{app="foo"}' } },
  { name: 'filtered lines give no sample', query: 'count_over_time({app="foo"} |= "x" [1m])', line: 'y', want: null },
  { name: 'bytes_over_time is the UTF-8 length of the final line', query: 'bytes_over_time({app="foo"} | line_format "héllo" [1m])', line: 'x', want: { value: 6, key: '{app="foo"}' } },
  { name: 'unwrap parses the label and removes it', query: 'sum_over_time({app="foo"} | logfmt | unwrap latency [1m])', line: 'latency=1.5 path=/a', want: { value: 1.5, key: '{app="foo", path="/a"}' } },
  { name: 'unwrap bytes()', query: 'sum_over_time({app="foo"} | logfmt | unwrap bytes(size) [1m])', line: 'size=1KiB', want: { value: 1024, key: '{app="foo"}' } },
  { name: 'unwrap duration()', query: 'sum_over_time({app="foo"} | logfmt | unwrap duration(took) [1m])', line: 'took=1m30s', want: { value: 90, key: '{app="foo"}' } },
  { name: 'unwrap duration_seconds()', query: 'sum_over_time({app="foo"} | logfmt | unwrap duration_seconds(took) [1m])', line: 'took=250ms', want: { value: 0.25, key: '{app="foo"}' } },
  { name: 'unwrap of a missing label is skipped', query: 'sum_over_time({app="foo"} | logfmt | unwrap latency [1m])', line: 'x=1', want: null },
  { name: 'unwrap of an empty label is skipped', query: 'sum_over_time({app="foo"} | logfmt --keep-empty | unwrap latency [1m])', line: 'latency=', want: null },
  {
    name: 'unwrap conversion error marks the sample',
    query: 'sum_over_time({app="foo"} | logfmt | unwrap latency [1m])',
    line: 'latency=fast',
    want: { value: 0, key: '{__error__="SampleExtractionErr", __error_details__="strconv.ParseFloat: parsing \\"fast\\": invalid syntax", app="foo"}' },
  },
  { name: 'post filter after unwrap drops errors', query: 'sum_over_time({app="foo"} | logfmt | unwrap latency | __error__="" [1m])', line: 'latency=fast', want: null },
  { name: 'range aggregation by() groups the sample labels', query: 'avg_over_time({app="foo"} | logfmt | unwrap latency [1m]) by (path)', line: 'latency=2 path=/a x=1', want: { value: 2, key: '{path="/a"}' } },
  { name: 'range aggregation without()', query: 'max_over_time({app="foo"} | logfmt | unwrap latency [1m]) without (x)', line: 'latency=2 path=/a x=1', want: { value: 2, key: '{app="foo", path="/a"}' } },
  {
    // json stops at the error point after extracting latency and path; latency is unwrapped and removed.
    name: 'an errored sample keeps its full labels despite grouping',
    query: 'avg_over_time({app="foo"} | json | unwrap latency [1m]) by (path)',
    line: '{"latency":"1","path":"/a"',
    want: { value: 1, key: '{__error__="JSONParserErr", __error_details__="Value is array, but can\'t find closing \']\' symbol", app="foo", path="/a"}' },
  },
  {
    name: 'outer grouping hint reduces labels early',
    query: 'sum by (level) (count_over_time({app="foo"} | logfmt [1m]))',
    line: 'level=info x=1',
    options: { outerGrouping: { without: false, labels: ['level'] } },
    want: { value: 1, key: '{level="info"}' },
  },
];

for (const c of cases) {
  test(`compileSampleExtractor: ${c.name}`, () => {
    const se = compileSampleExtractor(rangeAgg(parseExpr(c.query)), c.options).forStream({ app: 'foo' });
    const got = se.process(1_000_000_000n, c.line);
    const want = c.want;
    assert.deepEqual(got === undefined ? null : { value: got.value, key: got.key }, want);
  });
}

test('compileSampleExtractor: sample labels object matches its key', () => {
  const se = compileSampleExtractor(rangeAgg(parseExpr('count_over_time({app="foo"} | logfmt [1m])'))).forStream({ app: 'foo' });
  const got = se.process(0n, 'b="x y" a=1');
  assert.deepEqual(got?.labels, { a: '1', app: 'foo', b: 'x y' });
});

test('utf8Length: counts UTF-8 bytes', () => {
  assert.deepEqual(['', 'a', 'é', '€', '😀', 'a😀b'].map(utf8Length), [0, 1, 2, 3, 4, 6]);
});

test('compileSampleExtractor: structured metadata joins the series labels and the grouping', () => {
  const se = compileSampleExtractor(rangeAgg(parseExpr('count_over_time({app="foo"}[1m])'))).forStream({ app: 'foo' });
  assert.equal(se.process(0n, 'l', { trace_id: 't' })?.key, '{app="foo", trace_id="t"}');
  assert.equal(se.process(0n, 'l')?.key, '{app="foo"}');
  const grouped = compileSampleExtractor(rangeAgg(parseExpr('count_over_time({app="foo"}[1m])')), {
    outerGrouping: { without: false, labels: ['trace_id'] },
  }).forStream({ app: 'foo' });
  assert.equal(grouped.process(0n, 'l', { trace_id: 't' })?.key, '{trace_id="t"}');
});
