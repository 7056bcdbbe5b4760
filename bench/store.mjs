// bench:store — runs the shared Loki benchmark harness (../shared/bench/loki-bench.mjs)
// against `watchpost server` on 127.0.0.1 with a fresh temporary data dir:
// 1,000,000 lines, batch 1000, concurrency 4, 5 runs per query (the issue's
// settings). Prints the harness's JSON summary, then the server's RSS (current
// and peak, from /proc) and a short table of the figures that have targets.
//
// Extra arguments go to the harness (e.g. `npm run bench:store -- --lines 200000`).
// Run `npm run build` first (the npm script does).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const harness = process.env.LOKI_BENCH ?? resolve(repo, '..', 'shared', 'bench', 'loki-bench.mjs');
if (!existsSync(harness)) {
  process.stderr.write(`bench:store: harness not found at ${harness} (set LOKI_BENCH)\n`);
  process.exit(2);
}

const freePort = () =>
  new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

function rssKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const get = (k) => Number((new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status) ?? [])[1] ?? NaN);
    return { rss: get('VmRSS'), peak: get('VmHWM') };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

async function waitReady(url, child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

const dataDir = mkdtempSync(join(tmpdir(), 'watchpost-bench-store-'));
// Loki's default ingestion limits (4 MB/s per tenant, 3 MB/s per stream) would throttle the benchmark's
// ~50 MB/s; the Loki reference figures were measured with raised limits too.
const configFile = join(dataDir, 'bench-config.yaml');
writeFileSync(configFile, `limits_config:
  ingestion_rate_mb: 1024
  ingestion_burst_size_mb: 1024
  per_stream_rate_limit: 512MB
  per_stream_rate_limit_burst: 1GB
`);
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
// WATCHPOST_BIN runs another build (e.g. a bundle made while the tree does not build).
const bin = process.env.WATCHPOST_BIN ?? join(repo, 'bin', 'watchpost.js');
const server = spawn(process.execPath, [bin, 'server', '--http-listen-address', '127.0.0.1', '--http-listen-port', String(port), '--data-dir', join(dataDir, 'data'), '--config', configFile, '--log-level', 'warn'], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
let peakSampledKb = 0;
const sampler = setInterval(() => {
  const { rss } = rssKb(server.pid);
  if (rss > peakSampledKb) peakSampledKb = rss;
}, 200);

let exitCode = 0;
try {
  await waitReady(url, server);
  const args = [harness, '--url', url, '--lines', '1000000', '--batch-size', '1000', '--concurrency', '4', '--runs', '5', ...process.argv.slice(2)];
  const out = await new Promise((res, rej) => {
    const h = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks = [];
    h.stdout.on('data', (c) => chunks.push(c));
    h.on('error', rej);
    h.on('close', (code) => (code === 0 ? res(Buffer.concat(chunks).toString('utf8')) : rej(new Error(`harness exited with ${code}`))));
  });
  process.stdout.write(out);
  const summary = JSON.parse(out);
  const mem = rssKb(server.pid);
  const rss = { rss_mb: Math.round(mem.rss / 1024), peak_rss_mb: Math.round(Math.max(mem.peak, peakSampledKb) / 1024) };
  process.stdout.write(`\nserver memory: ${JSON.stringify(rss)}\n`);
  const q = summary.query_summary ?? {};
  process.stdout.write(`ingest: ${summary.ingest?.lines_per_s} lines/s (target >= 275000); visibility ok: ${summary.visibility?.ok}\n`);
  process.stdout.write(`query failures: ${JSON.stringify(q.failed ?? [])}; ground-truth mismatches: ${JSON.stringify(q.ground_truth_mismatches ?? [])}\n`);
  for (const [name, ms] of Object.entries(q.median_latency_ms ?? {})) process.stdout.write(`  ${name.padEnd(32)} ${ms} ms\n`);
  if ((q.failed ?? []).length || (q.ground_truth_mismatches ?? []).length || summary.visibility?.ok === false) exitCode = 1;
} catch (err) {
  process.stderr.write(`bench:store: ${err.message}\n`);
  exitCode = 1;
} finally {
  clearInterval(sampler);
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
