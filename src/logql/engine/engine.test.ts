import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLabels, isErrorCode, type Labels } from '../../core/index.js';
import type { Expr } from '../syntax/ast.js';
import { createEngine } from './engine.js';
import type { QueryLimits } from './limits.js';
import { createMemoryQuerier } from './memory-querier.js';
import { binOp, by, contains, min, rangeAgg, sec, selector, vectorAgg } from './testing/ast-builders.js';
import { createTinyCompiler } from './testing/tiny-compiler.js';
import type { QueryResult } from './types.js';
import { formatFloat } from './format-float.js';

const a = { job: 'a', host: 'h1' };
const b = { job: 'a', host: 'h2' };

/** Lines at the given seconds for each stream. */
function load(streams: readonly [Labels, readonly [number, string][]][], batchSize = 2) {
  const querier = createMemoryQuerier({ batchSize });
  for (const [labels, entries] of streams) {
    querier.push('t', labels, entries.map(([s, line]) => ({ tsNs: BigInt(Math.round(s * 1e9)), line })));
  }
  return querier;
}

const data = load([
  [a, [[10, 'ok x=1'], [30, 'fail x=2'], [60, 'ok x=3'], [61, 'fail x=4'], [125, 'ok x=5']]],
  [b, [[20, 'fail x=10'], [90, 'ok x=abc'], [120, 'ok x=7'], [120, 'ok x=7']]],
]);

/** Renders a result compactly: `{labels} v@s v@s …` per series. */
function render(result: QueryResult): string[] {
  switch (result.resultType) {
    case 'matrix':
      return result.series.map((s) => `${s.key} ${s.points.map((p) => `${formatFloat(p.value)}@${p.tsMs / 1000}`).join(' ')}`);
    case 'vector':
      return result.samples.map((s) => `${s.key} ${formatFloat(s.value)}@${s.tsMs / 1000}`);
    case 'scalar':
      return [`scalar ${formatFloat(result.value)}@${result.tsMs / 1000}`];
    case 'streams':
      return result.streams.map((s) => `${s.key} ${s.entries.map((e) => `${Number(e.tsNs) / 1e9}:${e.line}`).join(' | ')}`);
  }
}

interface Case {
  readonly name: string;
  readonly expr: Expr;
  /** [start s, end s, step s] for range; a single number for an instant query. */
  readonly at: readonly [number, number, number] | number;
  readonly want?: readonly string[];
  readonly error?: RegExp | string;
  readonly limit?: number;
  readonly direction?: 'forward' | 'backward';
  readonly intervalMs?: number;
  readonly limits?: Partial<QueryLimits>;
}

const countA = rangeAgg('count_over_time', selector({ job: 'a' }), min);
const unwrapX = { label: 'x', conversion: '' as const, postFilters: [] };
const noErrors = { ...unwrapX, postFilters: [{ kind: 'StringLabelFilter' as const, matcher: { name: '__error__', op: '=' as const, value: '' } }] };

const cases: Case[] = [
  {
    name: 'count_over_time: steps aligned to step, windows (t-1m, t]',
    expr: countA,
    at: [30, 150, 60],
    want: [`${formatLabels(a)} 3@60 1@120 1@180`, `${formatLabels(b)} 1@60 3@120`],
  },
  {
    name: 'offset moves the window back',
    expr: rangeAgg('count_over_time', selector({ job: 'a' }), min, { offsetNs: min }),
    at: [120, 120, 60],
    want: [`${formatLabels(a)} 3@120`, `${formatLabels(b)} 1@120`],
  },
  { name: 'rate divides by the range in seconds', expr: rangeAgg('rate', selector({ job: 'a', host: 'h1' }), min), at: 60, want: [`${formatLabels(a)} 0.05@60`] },
  {
    name: 'line filter and sum by',
    expr: vectorAgg('sum', rangeAgg('count_over_time', selector({ job: 'a' }, [contains('fail')]), 2 * min), by('job')),
    at: [0, 120, 60],
    want: ['{job="a"} 2@60 3@120'],
  },
  {
    name: 'topk keeps labels, per step',
    expr: vectorAgg('topk', countA, undefined, 1),
    at: [60, 180, 60],
    want: [`${formatLabels(a)} 3@60 1@180`, `${formatLabels(b)} 3@120`],
  },
  {
    name: 'bytes_over_time sums line bytes',
    expr: rangeAgg('bytes_over_time', selector({ job: 'a', host: 'h1' }), min),
    at: 60,
    want: [`${formatLabels(a)} 20@60`],
  },
  {
    name: 'metrics count every entry the querier yields',
    expr: rangeAgg('count_over_time', selector({ job: 'a', host: 'h2' }), sec),
    at: 120,
    want: [`${formatLabels(b)} 2@120`],
  },
  {
    name: 'unwrap error fails the metric query',
    expr: rangeAgg('sum_over_time', selector({ job: 'a', host: 'h2' }), 5 * min, { unwrap: unwrapX }),
    at: 120,
    error:
      `pipeline error: 'SampleExtractionErr' for series: '{__error__="SampleExtractionErr", __error_details__="strconv.ParseFloat: parsing \\"abc\\": invalid syntax", host="h2", job="a"}'.\n` +
      'Use a label filter to intentionally skip this error. (e.g | __error__!="SampleExtractionErr").\n' +
      'To skip all potential errors you can match empty errors.(e.g __error__="")\n' +
      'The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__="" )\n',
  },
  {
    name: 'unwrap with __error__="" post filter, sum/avg/max/quantile',
    expr: binOp(
      '+',
      rangeAgg('sum_over_time', selector({ job: 'a', host: 'h2' }), 5 * min, { unwrap: noErrors }),
      rangeAgg('quantile_over_time', selector({ job: 'a', host: 'h2' }), 5 * min, { unwrap: noErrors, param: 0.5 }),
    ),
    at: 120,
    want: [`${formatLabels(b)} 31@120`],
  },
  { name: 'division by zero is NaN', expr: binOp('/', countA, { kind: 'Literal', value: 0 }), at: 60, want: [`${formatLabels(a)} NaN@60`, `${formatLabels(b)} NaN@60`] },
  {
    name: 'comparison filters, bool keeps 0/1',
    expr: binOp('>', countA, { kind: 'Literal', value: 1 }, { bool: true }),
    at: 60,
    want: [`${formatLabels(a)} 1@60`, `${formatLabels(b)} 0@60`],
  },
  { name: 'vector/vector one-to-one', expr: binOp('/', countA, countA), at: 60, want: [`${formatLabels(a)} 1@60`, `${formatLabels(b)} 1@60`] },
  {
    name: 'or fills with vector(0)',
    expr: binOp('or', vectorAgg('sum', rangeAgg('count_over_time', selector({ job: 'zzz' }), min)), { kind: 'VectorExpr', value: 0 }),
    at: [0, 60, 60],
    want: ['{} 0@0 0@60'],
  },
  { name: 'literal instant is a scalar', expr: { kind: 'Literal', value: 2 }, at: 60, want: ['scalar 2@60'] },
  { name: 'literal range is one {} series', expr: { kind: 'Literal', value: 2 }, at: [0, 60, 60], want: ['{} 2@0 2@60'] },
  {
    name: 'absent_over_time gives the selector labels where nothing matched',
    expr: rangeAgg('absent_over_time', selector({ job: 'a', host: 'h1' }), 10 * sec),
    at: [0, 60, 30],
    want: ['{host="h1", job="a"} 1@0'],
  },
  {
    name: 'log query backward with limit across streams',
    expr: selector({ job: 'a' }),
    at: [0, 200, 0],
    limit: 3,
    want: [`${formatLabels(a)} 125:ok x=5`, `${formatLabels(b)} 120:ok x=7 | 90:ok x=abc`],
  },
  {
    name: 'log query forward with line filter',
    expr: selector({ job: 'a' }, [contains('fail')]),
    at: [0, 61, 0],
    direction: 'forward',
    limit: 100,
    want: [`${formatLabels(a)} 30:fail x=2`, `${formatLabels(b)} 20:fail x=10`],
  },
  {
    name: 'log query interval keeps one entry per interval',
    expr: selector({ job: 'a' }),
    at: [0, 200, 0],
    direction: 'forward',
    limit: 100,
    intervalMs: 40_000,
    want: [`${formatLabels(a)} 10:ok x=1 | 60:ok x=3`, `${formatLabels(b)} 120:ok x=7`],
  },
  { name: 'instant log query is refused', expr: selector({ job: 'a' }), at: 60, error: 'log queries are not supported as an instant query type, please change your query to a range query type' },
  { name: 'entries limit', expr: selector({ job: 'a' }), at: [0, 60, 0], limit: 5001, error: 'max entries limit per query exceeded, limit > max_entries_limit_per_query (5001 > 5000)' },
  {
    name: 'series limit',
    expr: countA,
    at: 60,
    limits: { maxQuerySeries: 1 },
    error: /^maximum number of series \(1\) reached for a single query; consider reducing/,
  },
  { name: 'query length', expr: countA, at: [0, 31 * 86400, 3600], error: 'the query time range exceeds the limit (query length: 744h0m0s, limit: 30d1h)' },
];

for (const c of cases) {
  test(`engine: ${c.name}`, async () => {
    const engine = createEngine(data, c.limits, { compiler: createTinyCompiler(new Map([['q', c.expr]])) });
    const instant = typeof c.at === 'number';
    const [start, end, step] = typeof c.at === 'number' ? [c.at, c.at, 0] : c.at;
    const run = engine.query({
      tenant: 't',
      query: 'q',
      startNs: BigInt(start) * 1_000_000_000n,
      endNs: BigInt(end) * 1_000_000_000n,
      stepMs: step * 1000,
      instant,
      limit: c.limit ?? 100,
      direction: c.direction ?? 'backward',
      intervalMs: c.intervalMs,
    });
    if (c.error !== undefined) {
      await assert.rejects(run, (err: Error) => {
        if (typeof c.error === 'string') assert.equal(err.message, c.error);
        else assert.match(err.message, c.error as RegExp);
        return true;
      });
      return;
    }
    assert.deepEqual(render(await run), c.want);
  });
}

test('engine: pipeline error carries ERR_QUERY_PIPELINE; instantVector turns scalars into one sample', async () => {
  const queries = new Map<string, Expr>([
    ['bad', rangeAgg('sum_over_time', selector({ job: 'a' }), 5 * min, { unwrap: unwrapX })],
    ['two', { kind: 'Literal', value: 2 }],
  ]);
  const engine = createEngine(data, {}, { compiler: createTinyCompiler(queries) });
  await assert.rejects(engine.instantVector('t', 'bad', 120_000), (err) => isErrorCode(err, 'ERR_QUERY_PIPELINE'));
  assert.deepEqual(await engine.instantVector('t', 'two', 5000), [{ labels: {}, key: '{}', tsMs: 5000, value: 2 }]);
});
