// Shared helpers of bench/rules.mjs and bench/e2e.mjs: percentiles, the
// result table, /proc readings of a process (RSS, CPU ticks), free ports,
// and a webhook receiver that timestamps each body on arrival.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { performance } from 'node:perf_hooks';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile (p in 0..100) of a list of numbers; NaN when empty. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** p50, max, min and mean of a list of numbers. */
export function summarize(values) {
  const mean = values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
  return { n: values.length, p50: percentile(values, 50), p90: percentile(values, 90), max: Math.max(...values), min: Math.min(...values), mean };
}

export const round = (x, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

/**
 * Prints rows of { figure, value, target, pass } as a Markdown table
 * (pass undefined = informational, no target).
 */
export function printTable(title, rows) {
  const cells = rows.map((r) => [r.figure, String(r.value), r.target ?? '—', r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL']);
  const header = ['figure', 'measured', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  process.stdout.write(`\n${title}\n${line(header)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n${cells.map(line).join('\n')}\n`);
}

/** A TCP port free on 127.0.0.1 at the time of the call. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const clockTicksPerSecond = 100; // sysconf(_SC_CLK_TCK) on Linux

/**
 * RSS (kB), peak RSS (kB) and CPU seconds (user + system) of a process, from
 * /proc; `childCpuSeconds` adds its children that exited and were waited for.
 */
export function readProcessUsage(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number((new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status) ?? [])[1] ?? NaN);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  const childCpuSeconds = (Number(fields[13]) + Number(fields[14])) / clockTicksPerSecond;
  return { rssKb: kb('VmRSS'), peakRssKb: kb('VmHWM'), cpuSeconds, childCpuSeconds };
}

/**
 * An HTTP receiver on 127.0.0.1 for Alertmanager-style webhook bodies; every
 * body is kept with `arrivedMs` (performance.now() when it was fully read).
 * `waitFor(match)` resolves with the first { body, arrivedMs } that `match`
 * accepts, already received or arriving later.
 */
export async function startTimedReceiver() {
  const received = [];
  const waiters = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const arrivedMs = performance.now();
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const entry = { body, arrivedMs };
      received.push(entry);
      for (const waiter of waiters.splice(0)) {
        if (waiter.match(body)) waiter.resolve(entry);
        else waiters.push(waiter);
      }
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    received,
    waitFor(match, timeoutMs = 10_000) {
      const found = received.find((e) => match(e.body));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching webhook body within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ match, resolve: (entry) => (clearTimeout(timer), resolve(entry)) });
      });
    },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

/** Whether a webhook body (version 4) holds a firing alert whose labels include `labels`. */
export function hasFiringAlert(body, labels) {
  return Array.isArray(body?.alerts) && body.alerts.some((a) => a.status === 'firing' && Object.entries(labels).every(([k, v]) => a.labels?.[k] === v));
}
