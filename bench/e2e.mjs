// bench:e2e — `watchpost up` (the built CLI, a child process) with a real
// Alertmanager and a real sshd (issue #9).
//
// Login latency. sshd (bench/lib/sshd.mjs) logs to a file that `watchpost up`
// ships as its auth log (--auth-log); `up` sends alerts to the Alertmanager
// (--alertmanager-url) and, alongside, Alertmanager-style webhook payloads to
// a local receiver (--webhook-url). SSHLogin's labels are host/user/src_ip,
// and one alert stays firing while its [1m] window holds a login, so 20 logins
// from one address would be one alert. Each login therefore comes from its own
// source address: `ssh -tt -b 127.0.0.<n>` (all of 127/8 is local on Linux),
// so each one raises a fresh alert {alertname="SSHLogin", src_ip="127.0.0.<n>"},
// and Watchpost sends a new alert at once (no resend delay applies). Per login:
//   t0 = just before `ssh` is spawned (client side);
//   Alertmanager: GET /api/v2/alerts?filter=alertname="SSHLogin"&filter=src_ip="…"
//     polled every 50 ms from t0; the first answer that holds the alert marks its
//     arrival (resolution ≤ 50 ms + one request) — the headline figure;
//   also: when sshd's "Accepted publickey … from <addr>" line reached the auth
//     log (file followed with inotify), splitting the time into ssh handshake
//     and Watchpost (shipper tail + push + ruler + notification);
//     Watchpost's own webhook arrival (the ruler's notification), and
//     Alertmanager's webhook notification (route group_by ['...'], group_wait 0s).
// Logins run one after another (a session held until its alert arrived or 30 s);
// one warm-up login first (not counted) proves the path works end to end.
//
// Idle footprint: after the logins, `up` runs untouched for BENCH_IDLE_SECONDS
// (default 300): RSS (/proc VmRSS) sampled every second, max and mean; CPU =
// (utime + stime, plus children's that exited) over the window / wall, in % of one core.
//
// Prints a table per part and one JSON line; exits 1 if a target is missed,
// 2 if sshd or Alertmanager is missing (root, openssh-server, openssh-client,
// prometheus-alertmanager). WATCHPOST_BIN runs another build; BENCH_LOGINS (20).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { alertmanagerAvailable, startAlertmanager } from './lib/alertmanager.mjs';
import { followFile } from './lib/file-follower.mjs';
import { freePort, hasFiringAlert, printTable, readProcessUsage, round, sleep, startTimedReceiver, summarize } from './lib/bench-util.mjs';
import { sshdAvailable, startSshd } from './lib/sshd.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.WATCHPOST_BIN ?? join(repo, 'bin', 'watchpost.js');
const logins = Number(process.env.BENCH_LOGINS ?? 20);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 300);
const loginTimeoutMs = 30_000;
const hostId = 'bench-host';
const log = (msg) => process.stderr.write(`[bench:e2e] ${msg}\n`);

for (const availability of [sshdAvailable(), alertmanagerAvailable()]) {
  if (!availability.ok) {
    process.stderr.write(`bench:e2e needs ${availability.reason}\n`);
    process.exit(2);
  }
}

const root = mkdtempSync(join(tmpdir(), 'watchpost-bench-e2e-'));
const authLog = join(root, 'auth.log');
writeFileSync(authLog, '');
const receiver = await startTimedReceiver();
const sshd = await startSshd({ logFile: authLog });
const am = await startAlertmanager({ webhookUrl: receiver.url });
const authLogFollower = followFile(authLog);
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const upStartedMs = performance.now();
const up = spawn(process.execPath, [bin, 'up', '--log-level', 'warn', '--data-dir', join(root, 'up'), '--http-listen-port', String(port), '--alertmanager-url', am.url, '--webhook-url', receiver.url, '--auth-log', authLog, '--host-identifier', hostId], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let upOutput = '';
up.stdout.on('data', (c) => (upOutput = (upOutput + c.toString()).slice(-8000)));
up.stderr.on('data', (c) => (upOutput = (upOutput + c.toString()).slice(-8000)));

const result = { bench: 'e2e', date: new Date().toISOString(), cpus: cpus().length, loadavg_start: loadavg().map((x) => round(x, 2)) };
let exitCode = 0;
try {
  await waitReady();
  result.up_ready_ms = round(performance.now() - upStartedMs, 0);
  log(`watchpost up ready after ${result.up_ready_ms} ms (pid ${up.pid})`);

  // ---------------------------------------------------------------- logins
  const warm = await timeLogin('127.0.0.9', 90_000);
  log(`warm-up login: ${JSON.stringify(warm)}`);
  if (warm.am_ms === undefined) throw new Error(`the warm-up login raised no SSHLogin in Alertmanager within 90 s; up's output:\n${upOutput}`);
  const rows = [];
  for (let i = 0; i < logins; i++) {
    const row = await timeLogin(`127.0.0.${20 + i}`, loginTimeoutMs);
    rows.push(row);
    log(`login ${i + 1}: ${JSON.stringify(row)}`);
    await sleep(500);
  }
  const arrived = (key) => rows.map((r) => r[key]).filter((x) => x !== undefined);
  const amStats = summarize(arrived('am_ms'));
  const wpStats = summarize(arrived('webhook_ms'));
  const amHookStats = summarize(arrived('am_webhook_ms'));
  const logStats = summarize(arrived('log_line_ms'));
  const shipToWebhook = summarize(rows.filter((r) => r.log_line_ms !== undefined && r.webhook_ms !== undefined).map((r) => r.webhook_ms - r.log_line_ms));
  const missed = rows.filter((r) => r.am_ms === undefined).length;
  result.logins = { rows, missed, alertmanager_ms: pick(amStats), watchpost_webhook_ms: pick(wpStats), alertmanager_webhook_ms: pick(amHookStats), sshd_log_line_ms: pick(logStats), log_line_to_watchpost_webhook_ms: pick(shipToWebhook) };

  // ---------------------------------------------------------------- idle
  log(`idle footprint over ${idleSeconds} s …`);
  await sleep(5_000); // let the last sessions' logout lines and notifications settle
  const first = readProcessUsage(up.pid);
  const t0 = performance.now();
  const rss = [];
  while (performance.now() - t0 < idleSeconds * 1000) {
    await sleep(1000);
    if (up.exitCode !== null) throw new Error(`watchpost up exited (${up.exitCode}) while idle:\n${upOutput}`);
    rss.push(readProcessUsage(up.pid).rssKb / 1024);
  }
  const last = readProcessUsage(up.pid);
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = last.cpuSeconds + last.childCpuSeconds - first.cpuSeconds - first.childCpuSeconds;
  const rssStats = summarize(rss);
  result.idle = { seconds: round(wallS), rss_max_mb: round(rssStats.max), rss_mean_mb: round(rssStats.mean), peak_rss_mb: round(last.peakRssKb / 1024), cpu_seconds: round(cpuS, 2), cpu_pct_of_core: round((100 * cpuS) / wallS, 2) };
  result.loadavg_end = loadavg().map((x) => round(x, 2));

  // ---------------------------------------------------------------- report
  const latencyOk = amStats.p50 <= 2000 && amStats.max <= 5000 && missed === 0;
  const idleOk = result.idle.rss_max_mb <= 250 && result.idle.cpu_pct_of_core <= 3;
  process.stdout.write(`\nload average (1/5/15 min) at start ${result.loadavg_start.join(' ')}, at end ${result.loadavg_end.join(' ')}, ${result.cpus} CPUs\n`);
  printTable(`bench:e2e — ${logins} ssh -tt logins, login start → SSHLogin in Alertmanager (GET /api/v2/alerts every 50 ms)`, [
    { figure: 'p50', value: `${round(amStats.p50, 0)} ms`, target: '≤ 2000 ms', pass: amStats.p50 <= 2000 },
    { figure: 'max', value: `${round(amStats.max, 0)} ms`, target: '≤ 5000 ms', pass: amStats.max <= 5000 },
    { figure: 'missed (none within 30 s)', value: missed, target: '0', pass: missed === 0 },
    { figure: 'of which: ssh start → sshd \'Accepted\' line p50 / max', value: `${round(logStats.p50, 0)} ms / ${round(logStats.max, 0)} ms` },
    { figure: 'of which: log line → Watchpost webhook p50 / max', value: `${round(shipToWebhook.p50, 0)} ms / ${round(shipToWebhook.max, 0)} ms` },
    { figure: 'Watchpost webhook arrival p50 / max', value: `${round(wpStats.p50, 0)} ms / ${round(wpStats.max, 0)} ms` },
    { figure: 'Alertmanager webhook p50 / max', value: `${round(amHookStats.p50, 0)} ms / ${round(amHookStats.max, 0)} ms` },
  ]);
  printTable(`bench:e2e — watchpost up idle for ${round(wallS, 0)} s`, [
    { figure: 'RSS max', value: `${result.idle.rss_max_mb} MB`, target: '≤ 250 MB', pass: result.idle.rss_max_mb <= 250 },
    { figure: 'RSS mean', value: `${result.idle.rss_mean_mb} MB` },
    { figure: 'CPU, % of one core', value: `${result.idle.cpu_pct_of_core} %`, target: '≤ 3 %', pass: result.idle.cpu_pct_of_core <= 3 },
    { figure: 'peak RSS since start (VmHWM)', value: `${result.idle.peak_rss_mb} MB` },
    { figure: 'start → /ready', value: `${result.up_ready_ms} ms` },
  ]);
  if (!latencyOk || !idleOk) exitCode = 1;
} catch (err) {
  process.stderr.write(`bench:e2e: ${err.stack ?? err}\n`);
  result.error = String(err.message ?? err);
  exitCode = 1;
} finally {
  if (up.exitCode === null) {
    const exited = new Promise((r) => up.once('exit', r));
    up.kill('SIGTERM');
    await exited;
  }
  await am.stop();
  await sshd.stop();
  await receiver.close();
  authLogFollower.close();
  rmSync(root, { recursive: true, force: true });
}
process.stdout.write(`\n${JSON.stringify(result)}\n`);
process.exit(exitCode);

function pick(s) {
  return { n: s.n, p50: round(s.p50, 0), max: round(s.max, 0), min: round(s.min, 0) };
}

async function waitReady() {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (up.exitCode !== null) throw new Error(`watchpost up exited with ${up.exitCode}:\n${upOutput}`);
    try {
      if ((await fetch(`${url}/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`watchpost up not ready after 120 s:\n${upOutput}`);
    await sleep(200);
  }
}

/**
 * One login from `sourceAddress`: ms from spawning ssh to the SSHLogin alert
 * with that src_ip in Alertmanager's API, at Watchpost's webhook and in
 * Alertmanager's webhook notification (undefined: not within `timeoutMs`).
 */
async function timeLogin(sourceAddress, timeoutMs) {
  const labels = { alertname: 'SSHLogin', src_ip: sourceAddress };
  const t0 = performance.now();
  const accepted = authLogFollower.waitFor(new RegExp(`Accepted publickey for \\S+ from ${sourceAddress.replace(/\./g, '\\.')} port`), timeoutMs).then((e) => (e ? e.seenMs - t0 : undefined));
  const wp = receiver.waitFor((b) => b?.receiver === 'webhook' && hasFiringAlert(b, labels), timeoutMs).then((e) => e.arrivedMs - t0, () => undefined);
  const amHook = receiver.waitFor((b) => b?.receiver === 'bench' && hasFiringAlert(b, labels), timeoutMs).then((e) => e.arrivedMs - t0, () => undefined);
  const session = sshd.login(sourceAddress, 120);
  session.catch(() => {});
  let amMs;
  let alert;
  while (performance.now() - t0 < timeoutMs) {
    const alerts = await am.alerts([`alertname="SSHLogin"`, `src_ip="${sourceAddress}"`]).catch(() => []);
    if (alerts.length > 0) {
      amMs = performance.now() - t0;
      alert = alerts[0];
      break;
    }
    await sleep(50);
  }
  // The webhooks get 5 s more once Alertmanager's API showed the alert (or the wait timed out).
  const grace = sleep(5_000).then(() => undefined);
  const [webhookMs, amWebhookMs, logLineMs] = await Promise.all([Promise.race([wp, grace]), Promise.race([amHook, grace]), Promise.race([accepted, grace])]);
  await session.then((s) => s.end(), () => {});
  return {
    src_ip: sourceAddress,
    log_line_ms: round(logLineMs, 0),
    am_ms: round(amMs, 0),
    webhook_ms: round(webhookMs, 0),
    am_webhook_ms: round(amWebhookMs, 0),
    host: alert?.labels?.host,
    user: alert?.labels?.user,
    via: alert?.annotations?.description?.slice(0, 40),
  };
}
