import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSeededRandom } from '../../../test/support/seeded-random.js';
import { createEngine } from './engine.js';
import { createMemoryQuerier } from './memory-querier.js';
import { ScanPool } from './scan-pool.js';
import type { QueryResult } from './types.js';

// Long metric scans hand batches to the scan worker; answers must equal a
// scan on one thread, for every load mode (totals, step windows, samples),
// pipeline errors included.

const baseMs = Date.UTC(2026, 0, 10, 12, 0, 0);
const random = createSeededRandom(11);
const streams = ['h1', 'h2', 'h3'].map((host) => ({
  labels: { app: 'api', host },
  entries: Array.from({ length: 25_000 }, (_, i) => {
    const ms = random() < 0.001 ? '"slow"' : String(Math.floor(random() * 900));
    return {
      tsNs: BigInt(baseMs + i * 100) * 1_000_000n + BigInt(host.charCodeAt(1)),
      line: `{"user":"u${Math.floor(random() * 7)}","status":"${random() < 0.3 ? 500 : 200}","ms":${ms},"path":"/p${i % 5}"}`,
    };
  }),
}));

const endNs = BigInt(baseMs + 2_500_000) * 1_000_000n;
const startNs = endNs - 2_400_000_000_000n;
const cases: { query: string; instant: boolean }[] = [
  { query: 'sum by (user) (count_over_time({app="api"} | json | status="500" [5m]))', instant: false },
  { query: 'sum(count_over_time({app="api"} | json | status="500" [1h]))', instant: true },
  { query: 'sum by (host) (bytes_over_time({app="api"} |= "u3" [10m]))', instant: false },
  { query: 'max by (user) (max_over_time({app="api"} | json | unwrap ms | __error__="" [5m]))', instant: false },
  { query: 'sum by (path) (avg_over_time({app="api"} | json | unwrap ms | __error__="" [1h]))', instant: true },
  { query: 'sum by (host) (sum_over_time({app="api"} | json | unwrap ms [1h]))', instant: true },
];

function render(r: QueryResult): string {
  switch (r.resultType) {
    case 'matrix':
      return r.series.map((s) => `${s.key} ${s.points.map((p) => `${p.value}@${p.tsMs}`).join(' ')}`).join('\n');
    case 'vector':
      return r.samples.map((s) => `${s.key} ${s.value}`).join('\n');
    default:
      return JSON.stringify(r);
  }
}

async function answer(scanWorker: boolean, query: string, instant: boolean): Promise<string> {
  const querier = createMemoryQuerier({ batchSize: 4096 });
  for (const s of streams) querier.push('fake', s.labels, s.entries);
  const engine = createEngine(querier, {}, { scanWorker });
  try {
    return render(await engine.query({ tenant: 'fake', query, startNs, endNs, stepMs: 60_000, instant, limit: 100, direction: 'backward' }));
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

test('metric scans split with the scan worker answer as scans on one thread', async (t) => {
  if (ScanPool.shared() === undefined) {
    t.skip('one core: no scan worker');
    return;
  }
  const before = (ScanPool.shared() as ScanPool).completed;
  for (const c of cases) {
    const alone = await answer(false, c.query, c.instant);
    const split = await answer(true, c.query, c.instant);
    assert.equal(split, alone, c.query);
    assert.ok(alone.length > 0 && !alone.startsWith('{"resultType"'), `${c.query}: ${alone.slice(0, 200)}`);
  }
  assert.ok((ScanPool.shared() as ScanPool).completed > before, 'the worker ran some batches');
});
