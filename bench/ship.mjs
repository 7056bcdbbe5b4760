// bench:ship — a 1,000,000-line osquery results file shipped through the
// seed's promtail pipeline (json, timestamp, labels, metrics) into a local
// Loki-compatible endpoint (another process, which acks after decoding the
// protobuf+snappy body), then the same file with no stages. The shipper is
// the real `watchpost ship --once` (bin/watchpost.js) in its own process; a
// preloaded module reports that process's CPU time and peak RSS at exit. Prints lines/s, CPU-seconds per 100k lines, RSS and
// first-line latency beside promtail 2.8.0's figures from issue #5.
// Targets: >= 100,000 lines/s with the seed pipeline, <= 1 CPU-s per 100k
// lines, <= 100 MB RSS, first line shipped within 1 s of start.
// Environment: BENCH_LINES (default 1,000,000); BENCH_DEBUG=1 prints the
// shipper's peak memory split; BENCH_NODE_FLAGS (e.g. --cpu-prof) and
// BENCH_RUNTIME_FLAGS (V8 flags set at run time) go to the shipper process;
// WATCHPOST_BIN runs another build of the CLI; BENCH_API=1 drives the Shipper
// API in a forked process instead (WATCHPOST_SHIPPER_MODULE: another build).
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bin = process.env.WATCHPOST_BIN ?? fileURLToPath(new URL('../bin/watchpost.js', import.meta.url));
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

const shipperModule = process.env.WATCHPOST_SHIPPER_MODULE ?? new URL('../dist/shipper/index.js', import.meta.url).href;
const lineCount = Number(process.env.BENCH_LINES ?? 1_000_000);
const role = process.argv[2];

if (role === '--endpoint') await runEndpoint();
else if (role === '--ship') await runShip(process.argv[3], process.argv[4]);
else await runBench();

/** The Loki-compatible endpoint: decodes each push (snappy + protobuf), counts entries, answers 204. */
async function runEndpoint() {
  const { default: snappy } = await import('snappy');
  const { decodePushRequestProto } = await import(shipperModule);
  let entries = 0;
  let firstAtMs = 0;
  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.end(JSON.stringify({ entries, firstAtMs }));
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const streams = decodePushRequestProto(snappy.uncompressSync(Buffer.concat(chunks), { asBuffer: true }));
      for (const s of streams) entries += s.entries.length;
      if (firstAtMs === 0 && entries > 0) firstAtMs = Date.now();
      res.writeHead(204);
      res.end();
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', (m) => m === 'reset' && ((entries = 0), (firstAtMs = 0), process.send({ reset: true })));
  process.on('disconnect', () => process.exit(0));
}

/** One backfill in this process: the measured shipper. */
async function runShip(configPath, mode) {
  const startMs = Date.now();
  const cpu0 = process.cpuUsage();
  const { Shipper, parseShipperConfig, applyShipperMemoryProfile } = await import(shipperModule);
  const config = parseShipperConfig(readFileSync(configPath, 'utf8'));
  const quiet = { debug() {}, info() {}, warn() {}, error() {}, child() { return quiet; } };
  const shipper = new Shipper({ config, once: true, logger: quiet, listen: false });
  applyShipperMemoryProfile(); // as `watchpost ship` does, once built
  if (process.env.BENCH_RUNTIME_FLAGS) (await import('node:v8')).setFlagsFromString(process.env.BENCH_RUNTIME_FLAGS);
  let peak = { rss: 0 };
  const sampler = process.env.BENCH_DEBUG ? setInterval(() => { const m = process.memoryUsage(); if (m.rss > peak.rss) peak = m; }, 50) : undefined;
  const result = await shipper.runOnce();
  const cpu = process.cpuUsage(cpu0);
  if (process.env.BENCH_DEBUG) console.error(mode, Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v / 1048576)])));
  clearInterval(sampler);
  process.send({ mode, startMs, endMs: Date.now(), cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, result: { ...result, failure: result.failure?.message } });
}

function osqueryLine(i, t0) {
  const name = i % 10 === 0 ? 'pack_incident-response_last' : i % 3 === 0 ? 'pack_osquery-monitoring_schedule' : 'pack_incident-response_process_events';
  return JSON.stringify({
    name,
    hostIdentifier: 'bench-host',
    calendarTime: 'Thu Dec  3 18:00:00 2026 UTC',
    unixTime: t0 + Math.floor(i / 100),
    epoch: 0,
    counter: i,
    numerics: false,
    columns: { host: `10.0.${(i >> 8) & 255}.${i & 255}`, pid: String(1000 + (i % 30000)), time: String(t0), tty: 'pts/0', type: '7', username: `user${i % 50}` },
    action: 'added',
  });
}

async function generate(file) {
  const out = createWriteStream(file);
  const t0 = Math.floor(Date.now() / 1000) - 3600;
  let bytes = 0;
  for (let i = 0; i < lineCount; i += 1000) {
    let chunk = '';
    for (let j = i; j < Math.min(lineCount, i + 1000); j++) chunk += `${osqueryLine(j, t0)}\n`;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/**
 * The seed's promtail config (src/shipper/config/testdata/seed-promtail.yaml,
 * issue #5) pointed at this run's file, positions and endpoint; without its
 * pipeline_stages when `stages` is false.
 */
function configText(dir, port, stages) {
  const seed = readFileSync(new URL('../src/shipper/config/testdata/seed-promtail.yaml', import.meta.url), 'utf8');
  const config = seed
    .replace('http_listen_port: 9080', 'http_listen_port: 0')
    .replace('/promtail/positions.yaml', `${dir}/positions-${stages ? 'seed' : 'none'}.yaml`)
    .replace('http://loki:3100/api/prom/push', `http://127.0.0.1:${port}/loki/api/v1/push`)
    .replace('/var/log/osquery/osqueryd.results.log', `${dir}/osqueryd.results.log`);
  return stages ? config : config.slice(0, config.indexOf('    pipeline_stages:'));
}

async function runBench() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ship-'));
  try {
    const file = join(dir, 'osqueryd.results.log');
    const bytes = await generate(file);
    const endpoint = fork(new URL(import.meta.url).pathname, ['--endpoint']);
    const [{ port }] = await once(endpoint, 'message');
    const runs = {};
    for (const mode of ['seed', 'none']) {
      endpoint.send('reset');
      await once(endpoint, 'message');
      const config = join(dir, `promtail-${mode}.yaml`);
      writeFileSync(config, configText(dir, port, mode === 'seed'));
      const m = process.env.BENCH_API ? await runApiChild(config, mode) : await runCli(config, dir, mode);
      const counts = await (await fetch(`http://127.0.0.1:${port}/`)).json();
      runs[mode] = { ...m, delivered: counts.entries, firstLineMs: counts.firstAtMs - m.startMs };
    }
    endpoint.kill();
    report(runs, bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `watchpost ship --once` as users run it; a preload writes the process's CPU time and peak RSS at exit. */
async function runCli(config, dir, mode) {
  const statsFile = join(dir, `stats-${mode}.json`);
  const preload = join(dir, 'preload.mjs');
  writeFileSync(
    preload,
    `import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  const c = process.cpuUsage();
  writeFileSync(process.env.BENCH_STATS_FILE, JSON.stringify({ cpuMs: (c.user + c.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
});
`,
  );
  const startMs = Date.now();
  const child = spawn(process.execPath, [...nodeFlags, '--import', pathToFileURL(preload).href, bin, 'ship', '--once', `-config.file=${config}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, BENCH_STATS_FILE: statsFile },
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const [code] = await once(child, 'exit');
  const endMs = Date.now();
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  return { mode, startMs, endMs, ...stats, result: { failure: code === 0 ? undefined : `exit ${code}: ${stderr.trim().split('\n').pop()}` } };
}

/** The Shipper API in a forked process (BENCH_API=1). */
async function runApiChild(config, mode) {
  const child = fork(new URL(import.meta.url).pathname, ['--ship', config, mode], { execArgv: nodeFlags });
  const [m] = await once(child, 'message');
  await once(child, 'exit');
  return m;
}

function report(runs, bytes) {
  const row = (r) => {
    const s = (r.endMs - r.startMs) / 1000;
    return { linesPerS: lineCount / s, cpuPer100k: r.cpuMs / 1000 / (lineCount / 100_000), rss: r.maxRssMb, first: r.firstLineMs, s, ok: r.delivered === lineCount && !r.result.failure };
  };
  const seed = row(runs.seed);
  const none = row(runs.none);
  const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(`bench:ship — ${fmt(lineCount)} osquery result lines (${fmt(bytes / 1024 / 1024, 1)} MiB), node ${process.version}`);
  console.log('');
  console.log('| pipeline | Watchpost lines/s | promtail 2.8.0 | CPU-s / 100k lines (promtail) | peak RSS (promtail) | first line | delivered |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(`| seed (json, timestamp, labels, metrics) | ${fmt(seed.linesPerS)} | 14,300 (16,900 after start-up) | ${fmt(seed.cpuPer100k, 2)} (4.8) | ${fmt(seed.rss, 0)} MB (91 MB) | ${fmt(seed.first)} ms | ${runs.seed.delivered === lineCount ? 'all' : runs.seed.delivered} |`);
  console.log(`| no stages | ${fmt(none.linesPerS)} | 29,300 | ${fmt(none.cpuPer100k, 2)} (1.75) | ${fmt(none.rss, 0)} MB | ${fmt(none.first)} ms | ${runs.none.delivered === lineCount ? 'all' : runs.none.delivered} |`);
  console.log('');
  const checks = [
    [seed.linesPerS >= 100_000, `seed pipeline ${fmt(seed.linesPerS)} lines/s (target >= 100,000; ${fmt(seed.linesPerS / 14_300, 1)}x promtail)`],
    [seed.cpuPer100k <= 1, `seed pipeline ${fmt(seed.cpuPer100k, 2)} CPU-s per 100k lines (target <= 1)`],
    [Math.max(seed.rss, none.rss) <= 100, `peak RSS ${fmt(Math.max(seed.rss, none.rss))} MB (target <= 100 MB)`],
    [Math.max(seed.first, none.first) <= 1000, `first line shipped ${fmt(Math.max(seed.first, none.first))} ms after start (target <= 1000 ms)`],
    [seed.ok && none.ok, `every line delivered (${runs.seed.delivered} and ${runs.none.delivered})`],
  ];
  for (const [ok, text] of checks) console.log(`${ok ? 'ok  ' : 'MISS'} ${text}`);
  process.exitCode = checks.every(([ok]) => ok) ? 0 : 1;
}
