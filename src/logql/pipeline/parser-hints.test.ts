import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Labels } from '../../core/index.js';
import { parseExpr } from '../syntax/index.js';
import type { Expr, Grouping, RangeAggregation } from '../syntax/ast.js';
import { injectableGrouping } from '../engine/range-aggregation.js';
import { computeParserHints } from './parser-hints.js';
import { compileSampleExtractor } from './sample-extractor.js';

/** The range aggregation and the grouping its extractor gets (its own, or an enclosing aggregation's, as the engine injects it). */
function extractorInput(query: string): { agg: RangeAggregation; outer: Grouping | undefined } {
  const e: Expr = parseExpr(query);
  if (e.kind === 'RangeAggregation') return { agg: e, outer: undefined };
  if (e.kind === 'VectorAggregation' && e.expr.kind === 'RangeAggregation') {
    return { agg: e.expr, outer: injectableGrouping(e.op, e.expr, e.grouping) };
  }
  throw new Error(`unexpected ${e.kind}`);
}

const hintCases: { query: string; want: { noLabels: boolean; required: string[] } | undefined }[] = [
  { query: 'count_over_time({app="a"} | json [1m])', want: undefined },
  { query: 'sum without (x) (count_over_time({app="a"} | json [1m]))', want: undefined },
  { query: 'sum by (user) (count_over_time({app="a"} |= "x" [1m]))', want: undefined },
  { query: 'sum(count_over_time({app="a"} | json [1m]))', want: { noLabels: true, required: [] } },
  { query: 'sum(count_over_time({app="a"} | json | t="7" [1m]))', want: { noLabels: false, required: ['t'] } },
  { query: 'absent_over_time({app="a"} | json [1m])', want: { noLabels: true, required: [] } },
  {
    query: 'sum by (columns_username) (count_over_time({app="a"} | json | columns_type="7" [5m]))',
    want: { noLabels: false, required: ['columns_type', 'columns_username'] },
  },
  {
    query: 'sum by (user) (count_over_time({app="a"} | json | columns_type="7" | label_format user="{{.columns_username}}" [5m]))',
    want: { noLabels: false, required: ['columns_type', 'columns_username', 'user'] },
  },
  { query: 'sum by (u) (count_over_time({app="a"} | logfmt | label_format u=user [5m]))', want: { noLabels: false, required: ['u', 'user'] } },
  { query: 'max_over_time({app="a"} | logfmt | level=~"e.*" or status>=500 | unwrap n [5m]) by (host_extracted)', want: { noLabels: false, required: ['host', 'host_extracted', 'level', 'n', 'status'] } },
  { query: 'sum by (p) (sum_over_time({app="a"} | json | unwrap n | n > 1 [1m]))', want: { noLabels: false, required: ['n', 'p'] } },
  { query: 'max by (host) (max_over_time({app="a"} | json | unwrap counter [5m]))', want: { noLabels: false, required: ['counter', 'host'] } },
  { query: 'min(min_over_time({app="a"} | json | unwrap n [5m]))', want: { noLabels: false, required: ['n'] } },
  { query: 'max by (host) (min_over_time({app="a"} | json | unwrap n [5m]))', want: undefined },
  // A template that may read the whole label map cannot be analysed: no hints.
  { query: 'sum by (u) (count_over_time({app="a"} | json | line_format "{{ range $k, $v := . }}{{ $k }}{{ end }}" [1m]))', want: undefined },
  { query: 'sum by (u) (count_over_time({app="a"} | json | label_format u="{{ index . \\"x\\" }}" [1m]))', want: undefined },
];

for (const c of hintCases) {
  test(`computeParserHints(${c.query})`, () => {
    const { agg, outer } = extractorInput(c.query);
    const hints = computeParserHints(agg, agg.grouping ?? outer);
    assert.deepEqual(hints === undefined ? undefined : { noLabels: hints.noLabels, required: [...hints.required].sort() }, c.want);
  });
}

const stream: Labels = { app: 'a', host: 'h1' };
const lines = [
  '{"name":"pack","host":"x","columns":{"type":"7","username":"vagrant","pid":"12"},"action":"added"}',
  '{"name":"pack","columns":{"type":"8","username":"root"},"n":3,"p":"q"}',
  '{"columns":{"type":"7","user name":"bob","nested":{"deep":1}},"1st":true,"n":"abc"}',
  '{"columns":{"type":"7"},"col":{"umns_type":"9"}}',
  '{"columns":["not","an","object"],"columns_type":"7"}',
  'level=error status=500 user=alice host=web-1 msg="a b"',
  'level=info status=abc user=bob',
  '{"columns":{"type":"7","username":"carol"',
  'not json at all',
  '',
];
const queries = [
  'sum by (columns_username) (count_over_time({app="a"} | json | columns_type="7" [5m]))',
  'sum(count_over_time({app="a"} | json | columns_type="7" [5m]))',
  'sum(count_over_time({app="a"} | json [5m]))',
  'sum by (user) (count_over_time({app="a"} | json | label_format user="{{.columns_username}}" [5m]))',
  'sum by (host_extracted, host) (count_over_time({app="a"} | json [5m]))',
  'sum by (col_umns_type) (count_over_time({app="a"} | json [5m]))',
  'sum by (columns_user_name, _1st) (bytes_over_time({app="a"} | json [5m]))',
  'sum by (p) (sum_over_time({app="a"} | json | unwrap n [1m]))',
  'sum by (level) (count_over_time({app="a"} | logfmt | status >= 500 [5m]))',
  'sum by (u) (count_over_time({app="a"} | logfmt | label_format u=user [5m]))',
  'sum by (host_extracted) (count_over_time({app="a"} | logfmt | level="error" [5m]))',
  'max_over_time({app="a"} | logfmt | unwrap status [5m]) by (user)',
  'max by (p) (max_over_time({app="a"} | json | unwrap n [1m]))',
  'min(min_over_time({app="a"} | logfmt | unwrap status [5m]))',
];

/**
 * Hints change what is extracted, never a visible result: for every line the
 * hinted extractor gives the full pipeline's sample (value and grouped
 * labels), and on a line with an error the same error. (`sum(… | json …)`
 * without a filter is the exception, as in Loki: json does not run at all.)
 */
for (const query of queries) {
  test(`parser hints give the full pipeline's samples: ${query}`, () => {
    const { agg, outer } = extractorInput(query);
    const hinted = compileSampleExtractor(agg, { outerGrouping: outer }).forStream(stream);
    const full = compileSampleExtractor(agg, { outerGrouping: outer, parserHints: false }).forStream(stream);
    const noLabels = computeParserHints(agg, agg.grouping ?? outer)?.noLabels === true;
    for (const line of lines) {
      const h = hinted.process(1n, line);
      const f = full.process(1n, line);
      if (noLabels && f?.labels.__error__ !== undefined) {
        assert.equal(h?.key, '{}', line);
        continue;
      }
      assert.equal(h === undefined, f === undefined, line);
      if (h === undefined || f === undefined) continue;
      assert.equal(h.value, f.value, line);
      if (f.labels.__error__ === undefined) assert.equal(h.key, f.key, line);
      else {
        assert.equal(h.labels.__error__, f.labels.__error__, line);
        assert.equal(h.labels.__error_details__, f.labels.__error_details__, line);
      }
    }
  });
}

test('hints skip the labels nobody reads (the error series shows only the wanted ones)', () => {
  const { agg, outer } = extractorInput('sum by (columns_username) (count_over_time({app="a"} | json | columns_type="7" [5m]))');
  const se = compileSampleExtractor(agg, { outerGrouping: outer }).forStream(stream);
  const s = se.process(1n, '{"name":"x","columns":{"type":"7","username":"u","pid":"1"},"z":');
  assert.equal(s?.key, '{__error__="JSONParserErr", __error_details__="Malformed JSON error", app="a", columns_type="7", columns_username="u", host="h1"}');
});
