// bench:rules — the ruler over the loki-bench data (issue #8).
//
// Everything runs in this process, as `watchpost up` wires it: the store
// (fresh temp data dir), the engine, the ruler (RuleManager + notifier +
// alert state store, as createRuler assembles them) and the HTTP server whose
// push route reports pushed streams to the ruler (withPushListener → notifyIngest);
// plus a webhook receiver on 127.0.0.1 that timestamps each body on arrival.
// Modules come from dist/ (`npm run bench:rules` builds first).
//
// 1. Data: ../shared/bench/loki-bench.mjs --phase ingest pushes 1,000,000
//    lines (20 streams, JSON pushes of 1000) over HTTP, spread over the hour
//    before the current minute. The ruler then runs on a clock that advances
//    in real time but starts 45 minutes before the end of that data
//    (RuleManager's and the notifier's injected nowMs), so its [1m]…[15m]
//    windows stay full of data however long the run takes (slow cycles
//    would otherwise move "now" past the data and measure empty windows).
// 2. Cycles: 500 rules (bench/lib/rule-set.mjs: 50 groups in 5 files; varied
//    selectors, filters, json/regexp/pattern parsers, unwrap, range functions,
//    windows, groupings, thresholds; 400 alerts, 100 recording rules). Every
//    10 s (aligned), one cycle = RuleManager.evaluateAll(bench clock) — every group in
//    turn, exactly what the groups' own tickers run, including persisting
//    alert state — followed by draining the notifier (firing alerts are posted
//    to the webhook). Wall time and this process's CPU time (user + system,
//    process.cpuUsage) per cycle; BENCH_CYCLES cycles (default 6, min 5).
//    The engine evaluates rules incrementally (samples kept per extractor
//    between evaluations), so the first cycle after loading is reported on
//    its own (it reads every window whole); the target applies to the rest.
// 3. Low-latency path: the rule `sum by (id) (count_over_time({job="latency"}[1m])) > 0`
//    (its own group). Each trial pushes one line with a fresh `id` (timestamp:
//    the bench clock) over HTTP and
//    measures push start → arrival at the webhook of a firing alert with that
//    id (same process, same monotonic clock). Run twice, 50 trials each
//    (BENCH_TRIALS): "loaded" — the 500 rules run on their own 10 s tickers
//    meanwhile, as in production; "quiet" — only the latency rule loaded.
//    Trials are spaced 150–650 ms apart (deterministic jitter) so they fall
//    at all phases of the groups' cycles. A phase stops after 5 trials
//    without an alert within 30 s (BENCH_MAX_MISSES): the ruler is saturated.
//
// Prints a table per part and one JSON line; exits 1 if a target is missed.
// Extra: WATCHPOST_DIST (another build's dist/), BENCH_LINES (default 1000000), LOKI_BENCH (harness path),
// BENCH_PROFILE=FILE (CPU profile of cycle 2, summarised on stderr).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { hasFiringAlert, printTable, round, sleep, startTimedReceiver, summarize } from './lib/bench-util.mjs';
import { profileSection, summarizeProfile } from './lib/cpu-profile.mjs';
import { generateRuleFiles, latencyRuleFile } from './lib/rule-set.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const harness = process.env.LOKI_BENCH ?? resolve(repo, '..', 'shared', 'bench', 'loki-bench.mjs');
if (!existsSync(harness)) {
  process.stderr.write(`bench:rules: harness not found at ${harness} (set LOKI_BENCH)\n`);
  process.exit(2);
}
const lines = Number(process.env.BENCH_LINES ?? 1_000_000);
const cycles = Math.max(5, Number(process.env.BENCH_CYCLES ?? 6));
const trials = Number(process.env.BENCH_TRIALS ?? 50);
const intervalMs = 10_000;
const missAfterMs = 30_000;
/** Where the bench clock starts: this long before the end of the ingested data (which spans 60 minutes). */
const virtualStartBeforeEndMs = 45 * 60_000;
/** BENCH_PROFILE=FILE: CPU-profile the second cycle into FILE and print where its time went (slows that cycle). */
const profileFile = process.env.BENCH_PROFILE;
/** A latency phase stops after this many trials without an alert (BENCH_MAX_MISSES). */
const maxMisses = Number(process.env.BENCH_MAX_MISSES ?? 5);
const log = (msg) => process.stderr.write(`[bench:rules] ${msg}\n`);

// WATCHPOST_DIST runs another build (e.g. a copy taken while others rebuild dist/).
const dist = resolve(process.env.WATCHPOST_DIST ?? join(repo, 'dist'));
const { createStore } = await import(join(dist, 'store/index.js'));
const { createEngine } = await import(join(dist, 'logql/index.js'));
const { RuleManager, createNotifier, createTemplateExpander } = await import(join(dist, 'ruler/index.js'));
const { createAlertStateStore } = await import(join(dist, 'ruler/state-store.js'));
const { createServer, withPushListener } = await import(join(dist, 'server/index.js'));

const root = mkdtempSync(join(tmpdir(), 'watchpost-bench-rules-'));
const rulesDir = join(root, 'rules');
mkdirSync(rulesDir);
const ruleFiles = generateRuleFiles();
for (const file of [...ruleFiles, latencyRuleFile]) writeFileSync(join(rulesDir, file.name), file.text);

const receiver = await startTimedReceiver();
// Loki's default ingestion limits would throttle the harness (as in bench:store).
const store = await createStore({
  dataDir: join(root, 'store'),
  limits: { ingestionRateBytes: 1024 * 2 ** 20, ingestionBurstBytes: 1024 * 2 ** 20, perStreamRateBytes: 512 * 2 ** 20, perStreamBurstBytes: 1024 * 2 ** 20 },
});
const engine = createEngine(store);
// The ruler as createRuler wires it (rule manager, notifier, persisted alert state), but on the bench's
// clock: `virtualNow` runs at real speed, shifted into the ingested data once it is in (see header).
let clockShiftMs = 0;
const virtualNow = () => Date.now() - clockShiftMs;
const notifier = createNotifier({ alertmanagerUrls: [], webhookUrls: [receiver.url], externalUrl: 'http://127.0.0.1:3100', nowMs: virtualNow });
const manager = new RuleManager({
  rulesDirs: [rulesDir],
  query: (tenant, expr, tsMs) => engine.instantVector(tenant, expr, tsMs),
  expand: createTemplateExpander(),
  onAlerts: (_tenant, alerts) => notifier.send(alerts),
  defaultIntervalMs: intervalMs,
  externalUrl: 'http://127.0.0.1:3100',
  stateStore: createAlertStateStore(join(root, 'ruler', 'alerts.json')),
  nowMs: virtualNow,
});
const server = createServer({
  store: withPushListener(store, (tenant, labels) => manager.notifyIngest(tenant, labels)),
  engine,
  host: '127.0.0.1',
  port: 0,
});
await server.listen();

const result = { bench: 'rules', date: new Date().toISOString(), cpus: cpus().length, loadavg_start: loadavg().map((x) => round(x, 2)), lines, rules: 0 };
let exitCode = 0;
try {
  // ---------------------------------------------------------------- data
  const baseTimeMs = Math.floor(Date.now() / 60_000) * 60_000;
  log(`ingesting ${lines} lines through ${server.url} …`);
  const ingestOut = await runHarness(['--url', server.url, '--phase', 'ingest', '--lines', String(lines), '--batch-size', '1000', '--concurrency', '4', '--base-time', String(baseTimeMs)]);
  const ingest = JSON.parse(ingestOut).ingest ?? {};
  const [total] = await engine.instantVector('fake', 'sum(count_over_time({job=~"osquery|sshd"}[2h]))', baseTimeMs);
  result.ingest = { lines_per_s: ingest.lines_per_s, stored_lines: total?.value };
  log(`ingested: ${JSON.stringify(result.ingest)}`);
  clockShiftMs = Date.now() - (baseTimeMs - virtualStartBeforeEndMs);

  // ---------------------------------------------------------------- cycles
  manager.load();
  const groups = manager.groups;
  result.rules = groups.reduce((n, g) => n + g.rules.length, 0);
  result.groups = groups.length;
  log(`${result.rules} rules in ${groups.length} groups; ${cycles} cycles every ${intervalMs / 1000} s`);
  const cycleRows = [];
  for (let c = 0; c < cycles; c++) {
    await sleep(intervalMs - (virtualNow() % intervalMs));
    const tsMs = virtualNow();
    const bodiesBefore = receiver.received.length;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const runCycle = async () => {
      await manager.evaluateAll(tsMs);
      await notifier.drain();
    };
    if (profileFile && c === 1) {
      const { profile } = await profileSection(profileFile, runCycle);
      result.profile = summarizeProfile(profile);
      log(`cycle ${c + 1} profiled (${profileFile}): ${JSON.stringify(result.profile, null, 1)}`);
    } else {
      await runCycle();
    }
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const statuses = groups.flatMap((g) => g.rules.map((r) => r.status));
    const firing = groups.flatMap((g) => g.rules.flatMap((r) => r.alerting?.alerts().filter((a) => a.state === 'firing') ?? []));
    const row = {
      cycle: c + 1,
      wall_ms: round(wallMs),
      cpu_s: round((cpu.user + cpu.system) / 1e6, 3),
      rules_err: statuses.filter((s) => s.health === 'err').length,
      firing_alerts: firing.length,
      webhook_bodies: receiver.received.length - bodiesBefore,
    };
    cycleRows.push(row);
    log(`cycle ${JSON.stringify(row)}`);
    if (c === 0 && row.rules_err > 0) {
      const errs = groups.flatMap((g) => g.rules.filter((r) => r.status.health === 'err').map((r) => `${r.desc.expr}: ${r.status.lastError}`));
      log(`rules in error:\n  ${errs.slice(0, 10).join('\n  ')}`);
    }
  }
  const slowest = groups.flatMap((g) => g.rules.map((r) => ({ expr: r.desc.expr, ms: round(r.status.evaluationSeconds * 1000) }))).sort((a, b) => b.ms - a.ms).slice(0, 5);
  result.cost_by_kind = costByKind(groups);
  log(`last cycle's evaluation time by kind of rule: ${JSON.stringify(result.cost_by_kind)}`);
  // The first cycle after loading reads every extractor's whole window; later ones only what is new.
  const [first, ...steady] = cycleRows;
  const wall = summarize(steady.map((r) => r.wall_ms));
  const cpu = summarize(steady.map((r) => r.cpu_s));
  result.cycles = {
    rows: cycleRows,
    first: { wall_ms: first.wall_ms, cpu_s: first.cpu_s },
    wall_ms: { p50: wall.p50, max: wall.max },
    cpu_s: { p50: cpu.p50, max: cpu.max },
    slowest_rules_last_cycle: slowest,
  };

  // ---------------------------------------------------------------- low latency
  manager.start();
  const loaded = await measureLatency('loaded');
  for (const file of ruleFiles) rmSync(join(rulesDir, file.name));
  const previousGroups = manager.groups;
  manager.load();
  // load() stops the tickers but not evaluations in flight: wait for them (an evaluation of no rules
  // queues behind the running one) so the quiet phase starts quiet.
  await Promise.all(previousGroups.map((group) => group.evaluate(virtualNow(), new Set())));
  const quiet = await measureLatency('quiet');
  result.latency = { loaded, quiet };

  // ---------------------------------------------------------------- report
  result.loadavg_end = loadavg().map((x) => round(x, 2));
  const cycleOk = wall.p50 < 2000 && wall.max < 2000;
  const latencyOk = loaded.p50 <= 200;
  const ms = (x) => (Number.isFinite(x) ? `${x} ms` : `> ${missAfterMs} ms (missed)`);
  process.stdout.write(`\nload average (1/5/15 min) at start ${result.loadavg_start.join(' ')}, at end ${result.loadavg_end.join(' ')}, ${result.cpus} CPUs\n`);
  printTable(`bench:rules — ${result.rules} rules in ${result.groups} groups over ${lines.toLocaleString('en')} lines, ${cycles} cycles`, [
    { figure: 'first cycle after load (cold), wall / CPU', value: `${first.wall_ms} ms / ${first.cpu_s} s` },
    { figure: `cycle wall time p50 (cycles 2–${cycles})`, value: `${wall.p50} ms`, target: '< 2000 ms', pass: wall.p50 < 2000 },
    { figure: `cycle wall time max (cycles 2–${cycles})`, value: `${wall.max} ms`, target: '< 2000 ms', pass: wall.max < 2000 },
    { figure: 'CPU per cycle p50 / max (cycles 2–)', value: `${cpu.p50} s / ${cpu.max} s` },
    { figure: 'rules in error (last cycle)', value: cycleRows.at(-1).rules_err, target: '0', pass: cycleRows.at(-1).rules_err === 0 },
    { figure: 'firing alerts (last cycle)', value: cycleRows.at(-1).firing_alerts },
  ]);
  printTable('bench:rules — last cycle by kind of rule (sum of rule evaluation times)', Object.entries({ ...result.cost_by_kind.kinds, ...Object.fromEntries(Object.entries(result.cost_by_kind.ranges).map(([k, v]) => [`range [${k}]`, v])) }).map(([kind, v]) => ({ figure: `${kind} (${v.rules} rules)`, value: `${v.ms} ms` })));
  printTable(`bench:rules — low-latency path, push start → webhook arrival, ${trials} trials each`, [
    { figure: 'p50, 500 rules ticking', value: ms(loaded.p50), target: '≤ 200 ms', pass: latencyOk },
    { figure: 'max, 500 rules ticking', value: ms(loaded.max) },
    { figure: 'p50 / max, latency rule only', value: `${ms(quiet.p50)} / ${ms(quiet.max)}` },
    { figure: 'trials run (loaded / quiet)', value: `${loaded.trials} / ${quiet.trials}` },
    { figure: 'missed (no alert within 30 s)', value: loaded.missed + quiet.missed, target: '0', pass: loaded.missed + quiet.missed === 0 },
  ]);
  if (!cycleOk || !latencyOk || loaded.missed + quiet.missed > 0 || cycleRows.at(-1).rules_err > 0) exitCode = 1;
} catch (err) {
  process.stderr.write(`bench:rules: ${err.stack ?? err}\n`);
  result.error = String(err.message ?? err);
  exitCode = 1;
} finally {
  await server.close();
  await manager.stop();
  await notifier.close();
  await store.close();
  await receiver.close();
  rmSync(root, { recursive: true, force: true });
}
process.stdout.write(`\n${JSON.stringify(result)}\n`);
process.exit(exitCode);

/** Pushes one line per trial with a new `id` and times push start → the webhook's firing alert for it. */
async function measureLatency(label) {
  const runId = `${label}-${Date.now().toString(36)}`;
  const latencies = [];
  let missed = 0;
  let done = 0;
  for (let i = 0; i < trials && missed < maxMisses; i++, done++) {
    await sleep(150 + ((i * 7919) % 500));
    const id = `${runId}-${i}`;
    const body = JSON.stringify({ streams: [{ stream: { job: 'latency', id }, values: [[String(virtualNow() * 1e6), `probe ${i}`]] }] });
    // Settled at once so a miss cannot become an unhandled rejection while the push is in flight.
    const arrival = receiver.waitFor((b) => hasFiringAlert(b, { alertname: 'LatencyProbe', id }), missAfterMs).then((entry) => entry, () => undefined);
    const t0 = performance.now();
    const res = await fetch(`${server.url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    if (res.status !== 204) throw new Error(`push answered ${res.status}: ${await res.text()}`);
    const entry = await arrival;
    if (entry) latencies.push(entry.arrivedMs - t0);
    else missed++;
  }
  // A miss counts as slower than every arrival, so p50/max cover every trial (null in JSON = missed).
  const s = summarize([...latencies, ...Array.from({ length: missed }, () => Infinity)]);
  if (missed >= maxMisses) log(`latency ${label}: stopped after ${missed} misses (the ruler is saturated)`);
  const out = { trials: done, missed, p50: round(s.p50), p90: round(s.p90), max: round(s.max), min: round(s.min) };
  log(`latency ${label}: ${JSON.stringify(out)}`);
  return out;
}

/** The last cycle's evaluation time summed by the rule's most expensive stage kind, and by range. */
function costByKind(groups) {
  const kinds = {};
  const ranges = {};
  for (const rule of groups.flatMap((g) => g.rules)) {
    const expr = rule.desc.expr;
    const kind = /unwrap/.test(expr) ? 'json + unwrap' : /\| json/.test(expr) ? 'json' : /\| regexp/.test(expr) ? 'regexp' : /\| pattern/.test(expr) ? 'pattern' : 'line filters only';
    const range = (/\[(\d+m)\]/.exec(expr) ?? [])[1] ?? '?';
    const ms = rule.status.evaluationSeconds * 1000;
    for (const [table, key] of [[kinds, kind], [ranges, range]]) {
      table[key] ??= { rules: 0, ms: 0 };
      table[key].rules++;
      table[key].ms += ms;
    }
  }
  for (const table of [kinds, ranges]) for (const v of Object.values(table)) v.ms = round(v.ms, 0);
  return { kinds, ranges };
}

function runHarness(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [harness, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`harness exited with ${code}`))));
  });
}
