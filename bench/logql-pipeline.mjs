// bench:logql, pipeline part — LogQL line pipeline throughput on one core
// (lines/s), the chain `|= "…" | json | label = "…"` from issue #7:
//  1. the line filter rejects most lines (1% pass)        target > 1,000,000 lines/s
//  2. json runs on every line (the filter passes all)    target ~   300,000 lines/s
//  3. logfmt + numeric label filter, a regex filter, line_format (reported, no target)
// Rates are lines per CPU-second of this process (median of rounds).
// Run alone (`node bench/logql-pipeline.mjs`) or from bench/logql.mjs, which
// imports runPipelineBench(). Needs `npm run build` (imports dist/).
import { fileURLToPath } from 'node:url';

const linesPerRound = Number(process.env.BENCH_LINES ?? 200_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function makeJsonLines(n, needleEvery) {
  const levels = ['info', 'debug', 'warn', 'error'];
  const out = [];
  for (let i = 0; i < n; i++) {
    const level = levels[i % levels.length];
    const msg = i % needleEvery === 3 ? 'request failed: needle timeout' : 'request served';
    out.push(
      `{"ts":"2024-05-01T12:00:${String(i % 60).padStart(2, '0')}.123Z","level":"${level}","caller":"server/handler.go:${i % 500}",` +
        `"msg":"${msg}","path":"/api/v1/items/${i % 1000}","status":${i % 7 === 0 ? 500 : 200},"latency_ms":${(i % 300) / 10},"user":"u${i % 97}"}`,
    );
  }
  return out;
}

function makeLogfmtLines(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push(`ts=2024-05-01T12:00:00Z level=${i % 4 === 0 ? 'error' : 'info'} caller=handler.go:${i % 500} msg="request served" path=/api/v1/items/${i % 1000} status=${i % 7 === 0 ? 500 : 200} latency_ms=${i % 300}`);
  }
  return out;
}

// Entry timestamps exist before the pipeline runs (the store decodes them), so they are built once.
const timestamps = Array.from({ length: linesPerRound }, (_, i) => 1_700_000_000_000_000_000n + BigInt(i) * 1000n);

function measure(pipeline, lines) {
  const sp = pipeline.forStream({ app: 'bench', env: 'prod' });
  let kept = 0;
  const run = () => {
    kept = 0;
    // CPU time of this process (user + system), not wall time: the figure is
    // per core and stays meaningful when other work shares the machine.
    const t0 = process.cpuUsage();
    for (let i = 0; i < lines.length; i++) {
      if (sp.process(timestamps[i], lines[i]) !== undefined) kept++;
    }
    const used = process.cpuUsage(t0);
    return (used.user + used.system) / 1e6;
  };
  run(); // warm-up
  const samples = [];
  for (let r = 0; r < rounds; r++) samples.push(run());
  return { linesPerSec: lines.length / median(samples), kept };
}

/** Runs the pipeline benchmarks; returns [{ name, linesPerSec, target }]. */
export async function runPipelineBench() {
  const { parseExpr, compileLogPipeline } = await import('../dist/logql/index.js');
  const jsonLines = makeJsonLines(linesPerRound, 100);
  const logfmtLines = makeLogfmtLines(linesPerRound);
  const cases = [
    { name: '|= "needle" | json | level="error" (1% pass the filter)', query: '{app="bench"} |= "needle" | json | level="error"', lines: jsonLines, target: 1_000_000 },
    { name: '|= "level" | json | level="error" (json on every line)', query: '{app="bench"} |= "level" | json | level="error"', lines: jsonLines, target: 300_000 },
    { name: '| logfmt | status >= 500', query: '{app="bench"} | logfmt | status >= 500', lines: logfmtLines, target: undefined },
    { name: '|~ "needle|timeout"', query: '{app="bench"} |~ "needle|timeout"', lines: jsonLines, target: undefined },
    { name: '| json | line_format "{{.level | ToUpper}} {{.msg}}"', query: '{app="bench"} | json | line_format "{{.level | ToUpper}} {{.msg}}"', lines: jsonLines, target: undefined },
  ];
  const results = [];
  for (const c of cases) {
    const { linesPerSec, kept } = measure(compileLogPipeline(parseExpr(c.query)), c.lines);
    results.push({ name: c.name, linesPerSec, kept, target: c.target });
  }
  return results;
}

function report(results) {
  let ok = true;
  console.log(`pipeline throughput, one core (${linesPerRound} lines x ${rounds} rounds, median):`);
  for (const r of results) {
    const pass = r.target === undefined || r.linesPerSec >= r.target;
    if (!pass) ok = false;
    const target = r.target === undefined ? '' : `  target ${r.target.toLocaleString('en-US')}  ${pass ? 'ok' : 'MISSED'}`;
    console.log(`  ${r.name.padEnd(58)} ${Math.round(r.linesPerSec).toLocaleString('en-US').padStart(11)} lines/s  kept ${r.kept}${target}`);
  }
  return ok;
}

export { report as reportPipelineBench };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ok = report(await runPipelineBench());
  process.exit(ok ? 0 : 1);
}
