// bench:logql, parser part — LogQL parser throughput on one core (queries/s)
// over every valid query of the golden parse cases (src/logql/testdata/parser),
// plus the canonical printer and format_query's prettier on the same set.
// Measured 2026-12-03 on the project machine: parseExpr 140-157k queries/s
// idle, ~70k with other test runs sharing the 2 cores; target 25k.
// Run alone (`node bench/logql-parser.mjs`) or from bench/logql.mjs, which
// imports runParserBench(). Needs `npm run build` (imports dist/).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const minSeconds = Number(process.env.BENCH_MIN_SECONDS ?? 0.5);
const casesDir = fileURLToPath(new URL('../src/logql/testdata/parser/', import.meta.url));

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The input of every golden case whose expectation is a successful parse. */
function loadValidQueries() {
  const queries = [];
  for (const name of readdirSync(casesDir).filter((n) => n.endsWith('.txt')).sort()) {
    const lines = readFileSync(join(casesDir, name), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('# ') || (i > 0 && lines[i - 1] !== '')) continue;
      const input = [];
      let j = i + 1;
      while (j < lines.length && lines[j] !== '==>') input.push(lines[j++]);
      if (lines[j + 1]?.startsWith('print: ')) queries.push(input.join('\n'));
      i = j;
    }
  }
  return queries;
}

/** Calls fn over all items repeatedly for at least minSeconds; returns items/s (median of rounds). */
function throughput(items, fn) {
  for (const item of items) fn(item); // warm-up
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    let count = 0;
    const t0 = process.hrtime.bigint();
    let elapsed = 0;
    do {
      for (const item of items) fn(item);
      count += items.length;
      elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
    } while (elapsed < minSeconds);
    samples.push(count / elapsed);
  }
  return median(samples);
}

/** Runs the parser benchmarks; returns [{ name, perSec, unit, target }]. */
export async function runParserBench() {
  const { parseExpr, printExpr, formatQuery } = await import('../dist/logql/syntax/index.js');
  const queries = loadValidQueries();
  const exprs = queries.map((q) => parseExpr(q));
  const bytes = queries.reduce((n, q) => n + Buffer.byteLength(q), 0);
  return [
    { name: `parseExpr (${queries.length} golden queries, avg ${Math.round(bytes / queries.length)} B)`, perSec: throughput(queries, parseExpr), unit: 'queries/s', target: 25_000 },
    { name: 'printExpr', perSec: throughput(exprs, printExpr), unit: 'queries/s', target: undefined },
    { name: 'formatQuery', perSec: throughput(exprs, (e) => formatQuery(e)), unit: 'queries/s', target: undefined },
  ];
}

export function printResults(title, results) {
  console.log(title);
  let ok = true;
  for (const r of results) {
    const met = r.target === undefined || r.perSec >= r.target;
    ok &&= met;
    const target = r.target === undefined ? '' : `  (target >= ${r.target.toLocaleString('en-US')}: ${met ? 'ok' : 'MISSED'})`;
    console.log(`  ${r.name.padEnd(52)} ${Math.round(r.perSec).toLocaleString('en-US').padStart(12)} ${r.unit}${target}`);
  }
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ok = printResults('LogQL parser (one core)', await runParserBench());
  process.exit(ok ? 0 : 1);
}
