// Measures the evaluator on loki-bench-like data (default 1M lines, 20
// streams: 10 osquery JSON, 10 sshd syslog, over 1 h):
//   node --import tsx src/logql/engine/testing/bench-engine.ts [lines]
// `--tiny` uses the tiny test compiler instead of the real parser and pipeline
// (only the queries with a hand-built AST run): the engine's own cost.
import { performance } from 'node:perf_hooks';
import type { Expr } from '../../syntax/ast.js';
import { createEngine } from '../engine.js';
import { createMemoryQuerier } from '../memory-querier.js';
import { by, contains, min, rangeAgg, selector, vectorAgg } from './ast-builders.js';
import { createTinyCompiler } from './tiny-compiler.js';

const lines = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const spanNs = 3600n * 1_000_000_000n;
const endNs = 1_796_313_600_000n * 1_000_000n;
const users = ['vagrant', 'root', 'alice', 'bob'];

function lineFor(stream: number, g: number): string {
  if (stream < 10) {
    const columns = { host: '10.0.2.2', pid: String(300 + (g % 6000)), tty: 'pts/1', type: g % 5 < 3 ? '7' : '8', username: users[g % 4] };
    return JSON.stringify({ name: 'pack_incident-response_last', hostIdentifier: `host-${stream}`, unixTime: 1796310000 + g, counter: g, columns, action: 'added' });
  }
  if (g % 4 === 0) return `Dec  3 10:00:00 host-${stream - 10} sshd[${g % 60000}]: Failed password for root from 10.0.${g % 256}.1 port 22 ssh2`;
  return `Dec  3 10:00:00 host-${stream - 10} sshd[${g % 60000}]: Accepted publickey for ${users[g % 4]} from 10.0.0.1 port 22 ssh2`;
}

const querier = createMemoryQuerier({ batchSize: 1000 });
const perStream = new Map<number, { tsNs: bigint; line: string }[]>();
for (let g = 0; g < lines; g++) {
  const s = (g * 7919) % 20;
  const tsNs = endNs - spanNs + (BigInt(g) * spanNs) / BigInt(lines);
  let list = perStream.get(s);
  if (list === undefined) perStream.set(s, (list = []));
  list.push({ tsNs, line: lineFor(s, g) });
}
for (const [s, entries] of perStream) querier.push('fake', { job: s < 10 ? 'osquery' : 'sshd', host: `host-${s % 10}` }, entries);

const asts = new Map<string, Expr>([
  ['sum by (host) (count_over_time({job="sshd"} |= "Failed password" [5m]))', vectorAgg('sum', rangeAgg('count_over_time', selector({ job: 'sshd' }, [contains('Failed password')]), 5 * min), by('host'))],
  ['count_over_time({job="osquery"}[1m])', rangeAgg('count_over_time', selector({ job: 'osquery' }), min)],
  ['{job="sshd"} |= "Failed password"', selector({ job: 'sshd' }, [contains('Failed password')])],
]);
const queries = [
  ...asts.keys(),
  'sum by (job) (rate({job=~"osquery|sshd"}[1m]))',
  'sum(count_over_time({job=~"osquery|sshd"}[65m]))',
  'sum by (columns_username) (count_over_time({job="osquery"} | json | columns_type="7" [5m]))',
  '{job="osquery"} |= "vagrant" | json | columns_username="vagrant" and columns_type="8"',
];
const real = !process.argv.includes('--tiny');
const engine = real ? createEngine(querier) : createEngine(querier, {}, { compiler: createTinyCompiler(asts) });
console.log(`${lines} lines, ${real ? 'real parser and pipeline' : 'tiny test compiler'}`);
for (const query of queries) {
  if (!real && !asts.has(query)) continue;
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
