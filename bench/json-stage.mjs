// Micro-benchmark of Loki's `| json` stage on osquery result lines (the
// store benchmark's and the ruler's hot query), CPU-µs per line, median of rounds:
//  - hinted: the sample extractors of
//      sum by (columns_username) (count_over_time({job="osquery"} | json | columns_type="7" [5m]))
//      sum(count_over_time({job="osquery"} | json | columns_type="7" [1h]))
//    with the grouping the engine injects, and the json stage alone with their hints;
//  - unhinted: the same extractor without parser hints, and the bare full `| json` stage.
// Lines as osqueryLine() of /work/shared/bench/loki-bench.mjs makes them.
//
// Run against this checkout's build (`node bench/json-stage.mjs`, imports
// dist/), another build (`node bench/json-stage.mjs /tmp/build/dist`) or
// sources (`node --import tsx bench/json-stage.mjs src`).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const linesPerRound = Number(process.env.BENCH_LINES ?? 200_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

const moduleRoot = resolve(process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url)));
const load = (path) => import(pathToFileURL(resolve(moduleRoot, path)).href);

// ---- osquery lines, generated as loki-bench.mjs's osqueryLine() does (seeded).
function mulberry32(a) {
  return function () {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, arr) => arr[Math.floor(r() * arr.length)];
const randInt = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const USERS = ['vagrant', 'root', 'alice', 'bob', 'carol', 'dave'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n) => (n < 10 ? '0' + n : '' + n);
const sp2 = (n) => (n < 10 ? ' ' + n : '' + n);
const ip = (r) => `10.${randInt(r, 0, 255)}.${randInt(r, 0, 255)}.${randInt(r, 1, 254)}`;

function osqueryLine(r, name, counter, tsMs) {
  const d = new Date(tsMs);
  const sec = Math.floor(tsMs / 1000);
  const cal = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${sp2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()} UTC`;
  const type = r() < 0.6 ? '7' : '8';
  const ev = {
    name,
    hostIdentifier: 'host-3',
    calendarTime: cal,
    unixTime: sec,
    epoch: 0,
    counter,
    numerics: false,
    columns: {
      host: r() < 0.5 ? '10.0.2.2' : ip(r),
      pid: String(randInt(r, 300, 65000)),
      time: String(sec - randInt(r, 0, 3600)),
      tty: `pts/${randInt(r, 0, 3)}`,
      type,
      username: pick(r, USERS),
    },
    action: r() < 0.8 ? 'added' : 'removed',
  };
  return JSON.stringify(ev);
}

const stream = { job: 'osquery', host: 'host-3', name: 'pack_incident-response_last' };
const r = mulberry32(12345);
const baseMs = 1_796_313_600_000;
const lines = Array.from({ length: linesPerRound }, (_, i) => osqueryLine(r, stream.name, i, baseMs - 3_600_000 + i * 18));

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** CPU-µs per line of `processLine` over all lines: median and best of rounds, after a warm-up round. */
function measure(processLine) {
  const run = () => {
    const t0 = process.cpuUsage();
    for (let i = 0; i < lines.length; i++) processLine(lines[i]);
    const used = process.cpuUsage(t0);
    return (used.user + used.system) / lines.length;
  };
  run();
  const samples = [];
  for (let i = 0; i < rounds; i++) samples.push(run());
  return { us: median(samples), best: Math.min(...samples) };
}

const { parseExpr } = await load('logql/syntax/index.js');
const { compileSampleExtractor } = await load('logql/pipeline/sample-extractor.js');
const { computeParserHints } = await load('logql/pipeline/parser-hints.js');
const { createJsonStage } = await load('logql/pipeline/json-parser.js');
const { LabelsBuilder } = await load('logql/pipeline/labels-builder.js');

const queries = [
  { name: 'by (columns_username)', query: 'sum by (columns_username) (count_over_time({job="osquery"} | json | columns_type="7" [5m]))', outer: { without: false, labels: ['columns_username'] } },
  { name: 'sum()', query: 'sum(count_over_time({job="osquery"} | json | columns_type="7" [1h]))', outer: { without: false, labels: [] } },
];

function extractorCase(agg, outer, parserHints) {
  const se = compileSampleExtractor(agg, { outerGrouping: outer, parserHints }).forStream(stream);
  let kept = 0;
  const m = measure((line) => {
    if (se.process(1n, line) !== undefined) kept++;
  });
  return { ...m, kept: kept / (rounds + 1) };
}

function stageCase(hints) {
  const stage = createJsonStage(0, hints);
  const lbs = new LabelsBuilder(stream);
  let sink = 0;
  const m = measure((line) => {
    lbs.reset(undefined);
    stage.process(1n, line, lbs);
    if (lbs.hasErr) sink++;
  });
  if (sink !== 0) throw new Error('json stage reported errors on valid lines');
  return m;
}

const results = [];
for (const q of queries) {
  const agg = parseExpr(q.query).expr;
  const hints = computeParserHints(agg, agg.grouping ?? q.outer);
  results.push({ case: `json stage, hinted ${q.name} [${[...hints.required].join(', ')}]`, ...stageCase(hints) });
  results.push({ case: `extractor, hinted ${q.name}`, ...extractorCase(agg, q.outer, true) });
}
results.push({ case: 'json stage, full (no hints)', ...stageCase(undefined) });
results.push({ case: 'extractor, unhinted by (columns_username)', ...extractorCase(parseExpr(queries[0].query).expr, queries[0].outer, false) });

console.log(`json stage on ${linesPerRound} osquery lines (${lines[0].length} chars), CPU-µs per line, median (best) of ${rounds} rounds; modules from ${moduleRoot}`);
for (const x of results) {
  console.log(`  ${x.us.toFixed(3).padStart(7)} (${x.best.toFixed(3)}) µs  ${x.case}${x.kept === undefined ? '' : ` (kept ${x.kept})`}`);
}
