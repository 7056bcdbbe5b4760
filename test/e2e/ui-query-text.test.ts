// The web UI's DOM-free helpers (src/web/query-text.ts, src/web/time-range.ts),
// run in Node: the query edits Explore makes and the time ranges it resolves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addFilterToQuery, formatSeriesLabels, isLogQuery, queryFromUrl, type QueryFilter } from '../../src/web/query-text.js';
import { resolveTime, stepFor } from '../../src/web/time-range.js';

const filterCases: Array<{ name: string; query: string; filter: QueryFilter; want: string }> = [
  { name: 'a label joins the selector', query: '{job="auth"} |= "Failed"', filter: { kind: 'label', name: 'host', value: 'web-1' }, want: '{job="auth", host="web-1"} |= "Failed"' },
  { name: 'a label fills an empty selector', query: '{}', filter: { kind: 'label', name: 'job', value: 'app' }, want: '{job="app"}' },
  { name: 'a label starts a query from nothing', query: '', filter: { kind: 'label', name: 'job', value: 'app' }, want: '{job="app"}' },
  { name: 'a label value is quoted as LogQL', query: '{job="a"}', filter: { kind: 'label', name: 'msg', value: 'say "hi"\\' }, want: '{job="a", msg="say \\"hi\\"\\\\"}' },
  { name: 'a json field adds | json and a filter', query: '{job="app"}', filter: { kind: 'json', name: 'http_path', value: '/x' }, want: '{job="app"} | json | http_path="/x"' },
  { name: 'a json field reuses an existing | json', query: '{job="app"} | json | level="error" ', filter: { kind: 'json', name: 'status', value: '500' }, want: '{job="app"} | json | level="error" | status="500"' },
  { name: 'inside a metric query the label goes into the selector', query: 'rate({job="a"}[5m])', filter: { kind: 'label', name: 'host', value: 'h' }, want: 'rate({job="a", host="h"}[5m])' },
];
for (const c of filterCases) {
  test(`addFilterToQuery: ${c.name}`, () => assert.equal(addFilterToQuery(c.query, c.filter), c.want));
}

test('isLogQuery: a selector first is a log query, an aggregation is not', () => {
  assert.equal(isLogQuery('  {job="a"} |= "x"'), true);
  assert.equal(isLogQuery('sum(rate({job="a"}[1m]))'), false);
});

test('queryFromUrl: query= wins, then a Grafana left= link, else empty', () => {
  assert.equal(queryFromUrl(new URLSearchParams({ query: '{a="b"}', left: '{"queries":[{"expr":"x"}]}' })), '{a="b"}');
  assert.equal(queryFromUrl(new URLSearchParams({ left: JSON.stringify({ datasource: 'loki', queries: [{ expr: 'sum(x)' }] }) })), 'sum(x)');
  assert.equal(queryFromUrl(new URLSearchParams({ left: '{not json' })), '');
  assert.equal(queryFromUrl(new URLSearchParams()), '');
});

test('formatSeriesLabels: sorted names, quoted values, {} for none', () => {
  assert.equal(formatSeriesLabels({ user: 'a"b', host: 'h' }), '{host="h", user="a\\"b"}');
  assert.equal(formatSeriesLabels({}), '{}');
});

const nowMs = Date.UTC(2026, 11, 3, 12, 0, 0);
const timeCases: Array<[string, number]> = [
  ['now', nowMs],
  ['now-5m', nowMs - 300_000],
  ['now-1h', nowMs - 3_600_000],
  ['now-7d', nowMs - 7 * 86_400_000],
  ['now-2w', nowMs - 14 * 86_400_000],
  ['1764756000000', 1764756000000],
  ['2026-12-03T10:00:00Z', Date.UTC(2026, 11, 3, 10, 0, 0)],
];
for (const [text, want] of timeCases) {
  test(`resolveTime: ${text}`, () => assert.equal(resolveTime(text, nowMs), want));
}

test('resolveTime: a text that is no time throws with the text', () => {
  assert.throws(() => resolveTime('yesterday-ish', nowMs), /invalid time "yesterday-ish"/);
});

test('stepFor: about 120 points, whole seconds, at least 1 s', () => {
  assert.equal(stepFor(0, 7 * 86_400_000), 5040);
  assert.equal(stepFor(0, 3_600_000), 30);
  assert.equal(stepFor(0, 1000), 1);
  assert.equal(stepFor(0, 86_400_000, 96), 900);
});
