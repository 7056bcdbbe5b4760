import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { WatchpostError } from '../../core/index.js';
import { buildPipeline } from './build-pipeline.js';
import { createTestContext, readMetric, runLines, type TestContext } from './testdata/stage-test-kit.js';

interface MetricsCase {
  readonly name: string;
  readonly stages: string;
  readonly lines: readonly string[];
  readonly metric: string;
  readonly want: readonly string[];
}

const L = 'job="j"';

const cases: MetricsCase[] = [
  {
    name: 'counter inc only when the source equals value',
    stages: `
- logfmt: {mapping: {status: }}
- metrics: {status_500: {type: Counter, source: status, config: {value: "500", action: inc}}}`,
    lines: ['status=500', 'status=200', 'status=500', 'nothing=1'],
    metric: 'promtail_custom_status_500',
    want: [`promtail_custom_status_500{${L}} 2`],
  },
  {
    name: 'counter match_all counts every entry; count_entry_bytes adds line bytes',
    stages: `
- metrics:
    lines_total: {type: counter, config: {match_all: true, action: inc}}
    bytes_total: {type: counter, prefix: my_, config: {match_all: true, count_entry_bytes: true, action: add}}`,
    lines: ['ab', 'héllo'],
    metric: 'my_bytes_total',
    want: [`my_bytes_total{${L}} 8`],
  },
  {
    name: 'counter add converts floats and Go durations (a "true" string is not a number); negative and invalid are ignored',
    stages: `
- regex: {expression: 'v=(?P<v>\\S+)'}
- metrics: {total: {type: Counter, source: v, config: {action: add}}}`,
    lines: ['v=1.5', 'v=0.5ms', 'v=true', 'v=-3', 'v=abc', 'v=2e1'],
    metric: 'promtail_custom_total',
    want: [`promtail_custom_total{${L}} 21.5005`],
  },
  {
    name: 'source defaults to the metric name; entries without it do not count',
    stages: `
- logfmt: {mapping: {hits: }}
- metrics: {hits: {type: Counter, config: {action: inc}}}`,
    lines: ['hits=1', 'other=1', 'hits=2'],
    metric: 'promtail_custom_hits',
    want: [`promtail_custom_hits{${L}} 2`],
  },
  {
    name: 'histogram observes into cumulative buckets',
    stages: `
- logfmt: {mapping: {latency: }}
- metrics: {latency_seconds: {type: Histogram, source: latency, config: {buckets: [0.5, 1, 5]}}}`,
    lines: ['latency=0.3', 'latency=2', 'latency=10', 'latency=nope'],
    metric: 'promtail_custom_latency_seconds',
    want: [
      `promtail_custom_latency_seconds_bucket{${L},le="+Inf"} 3`,
      `promtail_custom_latency_seconds_bucket{${L},le="0.5"} 1`,
      `promtail_custom_latency_seconds_bucket{${L},le="1"} 1`,
      `promtail_custom_latency_seconds_bucket{${L},le="5"} 2`,
      `promtail_custom_latency_seconds_count{${L}} 3`,
      `promtail_custom_latency_seconds_sum{${L}} 12.3`,
    ],
  },
  {
    name: 'histogram value filter and default buckets',
    stages: `
- logfmt: {mapping: {d: }}
- metrics: {h: {type: histogram, source: d, config: {value: "7"}}}`,
    lines: ['d=7', 'd=3'],
    metric: 'promtail_custom_h',
    want: [
      ...['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5'].map((le) => `promtail_custom_h_bucket{${L},le="${le}"} 0`),
      `promtail_custom_h_bucket{${L},le="+Inf"} 1`,
      `promtail_custom_h_bucket{${L},le="10"} 1`,
      `promtail_custom_h_count{${L}} 1`,
      `promtail_custom_h_sum{${L}} 7`,
    ].sort(),
  },
  {
    name: 'series per label set; __ labels are not metric labels',
    stages: `
- logfmt: {mapping: {app: }}
- labels: {app: }
- metrics: {c: {type: Counter, config: {match_all: true, action: inc}}}`,
    lines: ['app=a', 'app=b', 'app=a'],
    metric: 'promtail_custom_c',
    want: [`promtail_custom_c{app="a",${L}} 2`, `promtail_custom_c{app="b",${L}} 1`],
  },
];

for (const c of cases) {
  test(`metrics: ${c.name}`, async () => {
    const ctx = createTestContext();
    runLines(parse(c.stages) as unknown[], c.lines, { ctx, labels: { job: 'j', __path__: '/x' } });
    assert.deepEqual(await readMetric(ctx.registry, c.metric), c.want);
  });
}

test('metrics: idle series are removed when scraped after max_idle_duration', async () => {
  const ctx: TestContext = createTestContext();
  const stages = parse(`
- logfmt: {mapping: {app: }}
- labels: {app: }
- metrics: {c: {type: Counter, max_idle_duration: 1m, config: {match_all: true, action: inc}}}`) as unknown[];
  const pipeline = buildPipeline(stages, ctx);
  runLines([], ['app=a'], { ctx, pipeline });
  ctx.now += 30_000;
  runLines([], ['app=b'], { ctx, pipeline });
  ctx.now += 31_000;
  assert.deepEqual(await readMetric(ctx.registry, 'promtail_custom_c'), ['promtail_custom_c{app="b"} 1']);
  ctx.now += 60_000;
  assert.deepEqual(await readMetric(ctx.registry, 'promtail_custom_c'), []);
});

test('metrics: two pipelines defining the same metric share it; another type is refused', async () => {
  const ctx = createTestContext();
  const stages = parse('- metrics: {c: {type: Counter, config: {match_all: true, action: inc}}}') as unknown[];
  runLines(stages, ['x'], { ctx, labels: { job: 'a' } });
  runLines(stages, ['x'], { ctx, labels: { job: 'b' } });
  assert.deepEqual(await readMetric(ctx.registry, 'promtail_custom_c'), ['promtail_custom_c{job="a"} 1', 'promtail_custom_c{job="b"} 1']);
  assert.throws(() => buildPipeline(parse('- metrics: {c: {type: Gauge, config: {action: inc}}}') as unknown[], ctx), WatchpostError);
});

test('metrics: gauge actions set, inc, dec, add, sub', async () => {
  const ctx = createTestContext();
  const stages = parse(`
- logfmt: {mapping: {v: }}
- metrics:
    g_set: {type: Gauge, source: v, config: {action: set}}
    g_inc: {type: Gauge, source: v, config: {action: inc}}
    g_dec: {type: Gauge, source: v, config: {action: dec}}
    g_add: {type: Gauge, source: v, config: {action: add}}
    g_sub: {type: Gauge, source: v, config: {action: SUB}}`) as unknown[];
  runLines(stages, ['v=10', 'v=2.5', 'other=1'], { ctx });
  const values = await Promise.all(['set', 'inc', 'dec', 'add', 'sub'].map((a) => readMetric(ctx.registry, `promtail_custom_g_${a}`)));
  assert.deepEqual(values.flat(), [
    'promtail_custom_g_set{} 2.5',
    'promtail_custom_g_inc{} 2',
    'promtail_custom_g_dec{} -2',
    'promtail_custom_g_add{} 12.5',
    'promtail_custom_g_sub{} -12.5',
  ]);
});
