// Measures the evaluator alone on loki-bench-like data (1M lines, 20 streams,
// 1 h) with the tiny test compiler: `node --import tsx src/logql/engine/testing/bench-engine.ts [lines]`.
import { performance } from 'node:perf_hooks';
import type { Expr } from '../../syntax/ast.js';
import { createEngine } from '../engine.js';
import { createMemoryQuerier } from '../memory-querier.js';
import { by, contains, min, rangeAgg, selector, vectorAgg } from './ast-builders.js';
import { createTinyCompiler } from './tiny-compiler.js';

const lines = Number(process.argv[2] ?? 1_000_000);
const spanNs = 3600n * 1_000_000_000n;
const endNs = 1_796_313_600_000n * 1_000_000n;
const querier = createMemoryQuerier({ batchSize: 1000 });
const perStream = new Map<number, { tsNs: bigint; line: string }[]>();
for (let g = 0; g < lines; g++) {
  const s = (g * 7919) % 20;
  const tsNs = endNs - spanNs + (BigInt(g) * spanNs) / BigInt(lines);
  const line = g % 3 === 0 ? `Dec  3 10:00:00 host sshd[123]: Failed password for root from 10.0.0.${g % 255} port 22 ssh2` : `Dec  3 10:00:00 host sshd[123]: Accepted publickey for alice from 10.0.0.1 port 22 ssh2`;
  let list = perStream.get(s);
  if (list === undefined) perStream.set(s, (list = []));
  list.push({ tsNs, line });
}
for (const [s, entries] of perStream) querier.push('fake', { job: s < 10 ? 'osquery' : 'sshd', host: `host-${s % 10}` }, entries);

const queries = new Map<string, Expr>([
  ['sum by (host) (count_over_time({job="sshd"} |= "Failed" [5m]))', vectorAgg('sum', rangeAgg('count_over_time', selector({ job: 'sshd' }, [contains('Failed')]), 5 * min), by('host'))],
  ['count_over_time({job="osquery"}[1m])', rangeAgg('count_over_time', selector({ job: 'osquery' }), min)],
  ['{job="sshd"} |= "Failed"', selector({ job: 'sshd' }, [contains('Failed')])],
]);
const engine = createEngine(querier, {}, { compiler: createTinyCompiler(queries) });
for (const query of queries.keys()) {
  for (const instant of [false, true]) {
    if (instant && query.startsWith('{')) continue;
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      await engine.query({ tenant: 'fake', query, startNs: instant ? endNs : endNs - spanNs, endNs, stepMs: 60_000, instant, limit: 1000, direction: 'backward' });
      times.push(performance.now() - t0);
    }
    console.log(`${instant ? 'instant' : 'range  '} ${Math.min(...times).toFixed(1).padStart(8)} ms  ${query}`);
  }
}
