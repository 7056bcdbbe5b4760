import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { buildPipeline } from './build-pipeline.js';
import { createSamplingStage } from './sampling.js';
import { createTestContext, makeEntry, readMetric, runStageCase, type StageCase } from './testdata/stage-test-kit.js';
import type { StageBuildContext } from './build-context.js';
import type { PipelineEntry } from './types.js';

const dropped = (reason: string, n: number): string => `logentry_dropped_lines_total{reason="${reason}"} ${n}`;
const nowNs = BigInt(Date.UTC(2026, 11, 3, 18, 0, 0)) * 1_000_000n;
const HOUR_NS = 3_600_000_000_000n;

const cases: StageCase[] = [
  {
    name: 'drop: source alone drops when every listed key is extracted',
    stages: `
- regex: {expression: 'app=(?P<app>\\w+)'}
- regex: {expression: 'level=(?P<level>\\w+)'}
- drop: {source: [app, level]}`,
    lines: ['app=a level=info', 'app=a'],
    want: [{ line: 'app=a' }],
    metrics: { logentry_dropped_lines_total: [dropped('drop_stage', 1)] },
  },
  {
    name: 'drop: expression without source tests the line (unanchored)',
    stages: "- drop: {expression: 'debug'}",
    lines: ['level=debug msg=x', 'level=info msg=y'],
    want: [{ line: 'level=info msg=y' }],
  },
  {
    name: 'drop: source + value is an exact match; custom reason',
    stages: `
- json: {expressions: {level: }}
- drop: {source: level, value: debug, drop_counter_reason: noisy}`,
    lines: ['{"level":"debug"}', '{"level":"debugging"}', '{}'],
    want: [{ line: '{"level":"debugging"}' }, { line: '{}' }],
    metrics: { logentry_dropped_lines_total: [dropped('noisy', 1)] },
  },
  {
    name: 'drop: present sources joined by separator, then the expression',
    stages: `
- logfmt: {mapping: {level: , app: , missing: }}
- drop: {source: [level, missing, app], separator: '#', expression: '^debug#web$'}`,
    lines: ['level=debug app=web', 'level=debug app=db'],
    want: [{ line: 'level=debug app=db' }],
  },
  {
    name: 'drop: a source value that is not a string keeps the entry',
    stages: `
- json: {expressions: {obj: }}
- drop: {source: obj, expression: '.*'}`,
    lines: ['{"obj":null}'],
    want: [{ line: '{"obj":null}' }],
  },
  {
    name: 'drop: older_than and longer_than, combined with AND',
    stages: "- drop: {older_than: 1h, longer_than: 8b}",
    lines: ['short', 'this line is long'],
    tsNs: nowNs - 2n * HOUR_NS,
    want: [{ line: 'short' }],
  },
  {
    name: 'drop: older_than keeps recent entries',
    stages: '- drop: {older_than: 1h}',
    lines: ['recent'],
    tsNs: nowNs - HOUR_NS / 2n,
    want: [{ line: 'recent' }],
  },
  {
    name: 'match: keep runs the nested stages on matching entries only',
    stages: `
- match:
    selector: '{app="loki"}'
    stages:
      - json: {expressions: {msg: }}
      - output: {source: msg}`,
    lines: ['{"msg":"hi"}'],
    labels: { app: 'loki' },
    want: [{ line: 'hi' }],
  },
  {
    name: 'match: non-matching entries skip the nested stages',
    stages: `
- match:
    selector: '{app="loki"}'
    stages: [{output: {source: filename}}]`,
    lines: ['{"msg":"hi"}'],
    labels: { app: 'grafana', filename: 'f' },
    want: [{ line: '{"msg":"hi"}' }],
  },
  {
    name: 'match: drop with line filters and a reason; a missing label is empty',
    stages: `
- match: {selector: '{foo="", app=~"lo.*"} |= "error" !~ "^debug"', action: drop, drop_counter_reason: errors}`,
    lines: ['an error', 'debug error', 'fine'],
    labels: { app: 'loki' },
    want: [{ line: 'debug error' }, { line: 'fine' }],
    metrics: { logentry_dropped_lines_total: [dropped('errors', 1)] },
  },
  {
    name: 'match: default drop reason is match_stage; matchers are anchored',
    stages: `- match: {selector: '{app=~"lok"}', action: drop}
- match: {selector: '{app!="x", app!~"z+"}', action: drop}`,
    lines: ['a'],
    labels: { app: 'loki' },
    want: [],
    metrics: { logentry_dropped_lines_total: [dropped('match_stage', 1)] },
  },
  {
    name: 'match: nested pipeline sees labels set before it',
    stages: `
- json: {expressions: {level: }}
- labels: {level: }
- match:
    selector: '{level="error"}'
    stages: [{static_labels: {alert: "yes"}}]`,
    lines: ['{"level":"error"}', '{"level":"info"}'],
    want: [{ labels: { level: 'error', alert: 'yes' } }, { labels: { level: 'info' } }],
  },
];

for (const c of cases) {
  test(c.name, async () => {
    const { actual, expected } = await runStageCase(c, createTestContext());
    assert.deepEqual(actual, expected);
  });
}

test('limit: drop mode passes a burst then one line per 1/rate seconds and counts drops', async () => {
  const ctx = createTestContext();
  const pipeline = buildPipeline(parse('- limit: {rate: 1, burst: 2, drop: true}') as unknown[], ctx);
  const out: PipelineEntry[] = [];
  for (let i = 0; i < 5; i++) pipeline.process(makeEntry(`l${i}`), out);
  ctx.now += 1000;
  pipeline.process(makeEntry('l5'), out);
  pipeline.process(makeEntry('l6'), out);
  assert.deepEqual(out.map((e) => e.line), ['l0', 'l1', 'l5']);
  assert.deepEqual(await readMetric(ctx.registry, 'logentry_dropped_lines_total'), [dropped('ratelimit_drop_stage', 4)]);
});

test('limit: by_label_name limits each label value; entries without the label pass', async () => {
  const ctx = createTestContext();
  const pipeline = buildPipeline(parse('- limit: {rate: 1, burst: 1, drop: true, by_label_name: app}') as unknown[], ctx);
  const out: PipelineEntry[] = [];
  for (const app of ['a', 'a', 'a', 'b', undefined, undefined]) pipeline.process(makeEntry(`${app}`, app === undefined ? {} : { app }), out);
  assert.deepEqual(out.map((e) => e.line), ['a', 'b', 'undefined', 'undefined']);
  assert.deepEqual(await readMetric(ctx.registry, 'logentry_dropped_lines_by_label_total'), ['logentry_dropped_lines_by_label_total{label_name="app",label_value="a"} 2']);
});

test('limit: blocking mode holds entries in order and releases them as tokens come', () => {
  const ctx = createTestContext();
  const pipeline = buildPipeline(parse('- limit: {rate: 2, burst: 1}') as unknown[], ctx);
  const out: PipelineEntry[] = [];
  const entries = [makeEntry('a'), makeEntry('b'), makeEntry('c')];
  for (const e of entries) pipeline.process(e, out);
  assert.deepEqual(out.map((e) => e.line), ['a']);
  assert.equal(pipeline.heldCount(), 2);
  assert.equal(pipeline.heldMinSeq(), entries[1]?.source.seq);
  pipeline.flush(ctx.now + 500, out, false);
  assert.deepEqual(out.map((e) => e.line), ['a', 'b']);
  pipeline.flush(ctx.now + 600, out, true);
  assert.deepEqual(out.map((e) => e.line), ['a', 'b', 'c']);
  assert.equal(pipeline.heldMinSeq(), undefined);
});

test('multiline: blocks start at firstline; lines before any first line pass; idle blocks flush after max_wait_time', () => {
  const ctx = createTestContext();
  const pipeline = buildPipeline(parse("- multiline: {firstline: '^\\[\\d{4}', max_wait_time: 3s}") as unknown[], ctx);
  const out: PipelineEntry[] = [];
  const lines = ['orphan', '[2023] first', '  at a', '  at b', '[2023] second', '  at c'];
  const entries = lines.map((l, i) => makeEntry(l, { job: 'j' }, BigInt(i + 1)));
  for (const e of entries) pipeline.process(e, out);
  assert.deepEqual(
    out.map((e) => [e.line, e.tsNs, e.source.seq]),
    [
      ['orphan', 1n, entries[0]?.source.seq],
      ['[2023] first\n  at a\n  at b', 2n, entries[3]?.source.seq],
    ],
  );
  assert.equal(pipeline.heldMinSeq(), entries[4]?.source.seq);
  pipeline.flush(ctx.now + 2999, out, false);
  assert.equal(out.length, 2);
  pipeline.flush(ctx.now + 3000, out, false);
  assert.deepEqual(out[2]?.line, '[2023] second\n  at c');
  assert.equal(out[2]?.tsNs, 5n);
  assert.equal(pipeline.heldMinSeq(), undefined);
});

test('multiline: max_lines releases a block; each label set has its own block', () => {
  const ctx = createTestContext();
  const pipeline = buildPipeline(parse("- multiline: {firstline: '^start', max_lines: 2}") as unknown[], ctx);
  const out: PipelineEntry[] = [];
  pipeline.process(makeEntry('start a', { s: '1' }), out);
  pipeline.process(makeEntry('start b', { s: '2' }), out);
  pipeline.process(makeEntry('a1', { s: '1' }), out);
  pipeline.process(makeEntry('b1', { s: '2' }), out);
  assert.deepEqual(out.map((e) => e.line), ['start a\na1', 'start b\nb1']);
  pipeline.flush(ctx.now, out, true);
  assert.equal(out.length, 2);
});

test('sampling: keeps entries with probability rate and counts the rest', async () => {
  const ctx = createTestContext();
  const build = { ...ctx, buildNested: () => assert.fail(), addCloseHook: () => {} } as unknown as StageBuildContext;
  const draws = [0.1, 0.5, 0.29, 0.9];
  const stage = createSamplingStage({ rate: 0.3 }, build, () => draws.shift() as number);
  const out: PipelineEntry[] = [];
  for (const line of ['a', 'b', 'c', 'd']) stage.process(makeEntry(line), out);
  assert.deepEqual(out.map((e) => e.line), ['a', 'c']);
  assert.deepEqual(await readMetric(ctx.registry, 'logentry_dropped_lines_total'), [dropped('sampling_stage', 2)]);
});

test('match: a holding stage nested in match reports and releases what it holds', () => {
  const ctx = createTestContext();
  const pipeline = buildPipeline(parse("- match: {selector: '{app=\"java\"}', stages: [{multiline: {firstline: '^\\d'}}]}") as unknown[], ctx);
  const out: PipelineEntry[] = [];
  const first = makeEntry('1 boom', { app: 'java' });
  pipeline.process(first, out);
  pipeline.process(makeEntry('  at x', { app: 'java' }), out);
  pipeline.process(makeEntry('plain', { app: 'go' }), out);
  assert.deepEqual(out.map((e) => e.line), ['plain']);
  assert.equal(pipeline.heldMinSeq(), first.source.seq);
  assert.equal(pipeline.heldCount(), 2);
  pipeline.flush(ctx.now, out, true);
  assert.deepEqual(out.map((e) => e.line), ['plain', '1 boom\n  at x']);
  assert.equal(pipeline.heldCount(), 0);
});

// promtail's multiline_test.go cases.
test('multiline: promtail Test_multilineStage_Process and MultiStreams', () => {
  const ctx = createTestContext();
  const build = (): ReturnType<typeof buildPipeline> => buildPipeline(parse("- multiline: {firstline: '^START', max_wait_time: 3s}") as unknown[], ctx);
  const run = (entries: Array<[string, string]>): Array<[string, string]> => {
    const pipeline = build();
    const out: PipelineEntry[] = [];
    entries.forEach(([line, value], i) => pipeline.process(makeEntry(line, { value }, BigInt(i)), out));
    pipeline.flush(ctx.now, out, true);
    return out.sort((a, b) => (a.tsNs < b.tsNs ? -1 : 1)).map((e) => [e.line, e.labels.value as string]);
  };
  assert.deepEqual(
    run([['not a start line before 1', 'label'], ['not a start line before 2', 'label'], ['START line 1', 'label'], ['not a start line', 'label'], ['START line 2', 'label'], ['START line 3', 'label']]),
    [['not a start line before 1', 'label'], ['not a start line before 2', 'label'], ['START line 1\nnot a start line', 'label'], ['START line 2', 'label'], ['START line 3', 'label']],
  );
  assert.deepEqual(
    run([['START line 1', 'one'], ['not a start line 1', 'one'], ['START line 1', 'two'], ['not a start line 2', 'one'], ['START line 2', 'two'], ['START line 2', 'one'], ['not a start line 1', 'one']]),
    [['START line 1\nnot a start line 1\nnot a start line 2', 'one'], ['START line 1', 'two'], ['START line 2', 'two'], ['START line 2\nnot a start line 1', 'one']],
  );
});

test('multiline: promtail Test_multilineStage_MaxWaitTime (a line after the timeout keeps the old block start)', () => {
  const ctx = createTestContext();
  const pipeline = buildPipeline(parse("- multiline: {firstline: '^START', max_wait_time: 2s}") as unknown[], ctx);
  const out: PipelineEntry[] = [];
  pipeline.process(makeEntry('START line', { value: 'label' }, 1n), out);
  ctx.now += 4000;
  pipeline.flush(ctx.now, out, false);
  pipeline.process(makeEntry('not a start line hitting timeout', { value: 'label' }, 2n), out);
  pipeline.flush(ctx.now, out, true);
  assert.deepEqual(out.map((e) => [e.line, e.tsNs]), [['START line', 1n], ['not a start line hitting timeout', 1n]]);
});
