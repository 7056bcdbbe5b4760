// bench:packs — all 113 Linux queries of osquery's own packs, once each, on a
// fresh engine: the total and the ten slowest. Targets: the whole set under
// 5 s on the 2-core machine; no single query over 1 s except file-system
// walks (queries on `file`/`hash`, bounded as osquery bounds them).
import { readFileSync } from 'node:fs';
import { createSqlEngine } from '../dist/agent/index.js';

const tsv = new URL('../../shared/osquery/packs-linux-queries.tsv', import.meta.url);
const [header, ...lines] = readFileSync(tsv, 'utf8').trimEnd().split('\n');
const cols = header.split('\t');
const queries = lines.map((l) => {
  const f = l.split('\t');
  return { name: `${f[cols.indexOf('pack')]}/${f[cols.indexOf('query')]}`, sql: f[cols.indexOf('sql')], tables: f[cols.indexOf('tables')].split(','), unknown: f[cols.indexOf('unknown_tables')] };
});

const engine = await createSqlEngine({ timeoutMs: 60_000 });
const timings = [];
let failures = 0;
const t0 = performance.now();
for (const q of queries) {
  const start = performance.now();
  let outcome = 'ok';
  try {
    const [r] = await engine.query(q.sql);
    outcome = `${r?.rows.length ?? 0} rows`;
  } catch (err) {
    outcome = `error: ${err.message}`;
    if (!q.unknown) failures++;
  }
  timings.push({ ...q, ms: performance.now() - start, outcome });
}
const totalMs = performance.now() - t0;
await engine.close();

const walks = (q) => q.tables.includes('file') || q.tables.includes('hash');
const slow = timings.filter((t) => t.ms > 1000 && !walks(t));
console.log(`bench:packs — ${queries.length} pack queries, node ${process.version}`);
console.log(`${totalMs <= 5000 ? 'ok  ' : 'MISS'} total ${totalMs.toFixed(0)} ms (target < 5000 ms); ratio ${(totalMs / 5000).toFixed(2)} of budget`);
console.log(`${slow.length === 0 ? 'ok  ' : 'MISS'} queries over 1 s that are not file-system walks: ${slow.length}`);
console.log(`${failures === 0 ? 'ok  ' : 'MISS'} queries that failed: ${failures}`);
console.log('ten slowest:');
for (const t of [...timings].sort((a, b) => b.ms - a.ms).slice(0, 10)) {
  console.log(`  ${t.ms.toFixed(1).padStart(8)} ms  ${t.name}  (${t.outcome})`);
}
process.exitCode = totalMs <= 5000 && slow.length === 0 && failures === 0 ? 0 : 1;
