// bench:ui — the web UI in Debian's Chromium (playwright-core, headless) against
// an in-process server (store + engine + UI module) on 127.0.0.1, fresh data dirs:
//
//  1. first render of Explore with 1,000 lines: navigation start → the 1,000th
//     line in the DOM and painted (target ≤ 1 s), cold browser context each run;
//  2. a 7-day metric range over 1,000,000 lines (10 hosts, spread over 7 days),
//     `sum by (host) (count_over_time(…))` at Explore's step (7 d / 120 points),
//     navigation start → chart painted (target ≤ 2 s); also Run → repainted.
//
// Each measure runs 5 times; the median is compared with the target, and a
// missed target exits 1. Options: --lines N (default 1000000), --runs N.
// Uses dist/ (run `npm run build` first; the npm script does). To run from the
// sources: WATCHPOST_LIB=src node --import tsx bench/ui.mjs.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { URLSearchParams, fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lib = resolve(repo, process.env.WATCHPOST_LIB ?? 'dist');
const { values: args } = parseArgs({ options: { lines: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } } });
const totalLines = Number(args.lines);
const runs = Number(args.runs);
const chromiumPath = process.env.WATCHPOST_CHROMIUM ?? '/usr/bin/chromium';

const load = (path) => import(pathToFileURL(join(lib, path)).href);
const { createStore } = await load('store/index.js');
const { createServer, createUiModule } = await load('server/index.js');
const { createLogger } = await load('core/index.js');

/** The built UI: dist/web, or a fresh esbuild bundle of src/web when running from the sources. */
async function uiDir() {
  const built = join(repo, 'dist', 'web');
  if (lib.endsWith('dist') && existsSync(join(built, 'index.html'))) return built;
  const { bundleWeb } = await import('../scripts/bundle-web.mjs');
  return bundleWeb(mkdtempSync(join(tmpdir(), 'watchpost-bench-ui-web-')));
}

const logger = createLogger({ write: () => {} });
const web = await uiDir();
const temps = [];

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'watchpost-bench-ui-'));
  temps.push(dataDir);
  // Old lines (7 days back) and a fast bulk load: Loki's default age and rate limits are lifted.
  const store = await createStore({
    dataDir,
    logger,
    limits: { rejectOldSamples: false, ingestionRateBytes: 1 << 30, ingestionBurstBytes: 1 << 30, perStreamRateBytes: 1 << 30, perStreamBurstBytes: 1 << 30 },
  });
  const server = createServer({ store, port: 0, logger, modules: [createUiModule({ dir: web })] });
  await server.listen();
  return { store, server, close: async () => { await server.close(); await store.close(); } };
}

const hosts = Array.from({ length: 10 }, (_, i) => `host-${i}`);
const lineFor = (i, host) =>
  i % 4 === 0
    ? `Dec  3 10:00:00 ${host} sshd[${1000 + (i % 5000)}]: Failed password for invalid user admin from 203.0.113.${i % 250} port ${40000 + (i % 20000)} ssh2`
    : `Dec  3 10:00:00 ${host} sshd[${1000 + (i % 5000)}]: Accepted publickey for user${i % 50} from 10.0.${i % 200}.${i % 250} port ${40000 + (i % 20000)} ssh2: ED25519 SHA256:abc`;

/** Pushes `count` lines spread evenly over [startMs, endMs), round-robin over the hosts, in time order, in batches. */
async function pushSpread(store, count, startMs, endMs) {
  const spacingNs = (BigInt(endMs - startMs) * 1_000_000n) / BigInt(count);
  const startNs = BigInt(startMs) * 1_000_000n;
  const batch = 50_000;
  for (let from = 0; from < count; from += batch) {
    const byHost = new Map(hosts.map((h) => [h, []]));
    for (let i = from; i < Math.min(count, from + batch); i++) {
      const host = hosts[i % hosts.length];
      byHost.get(host).push({ tsNs: startNs + BigInt(i) * spacingNs, line: lineFor(i, host) });
    }
    await store.push('fake', [...byHost].map(([host, entries]) => ({ labels: { job: 'bench', host }, entries })));
  }
}

/** Records, from navigation start, when `selector` first matches `count` elements and a frame was painted after it. */
const paintProbe = (selector, count) => `(() => {
  const check = () => {
    if (window.__benchMs !== undefined || document.querySelectorAll(${JSON.stringify(selector)}).length < ${count}) return;
    window.__benchMs = null;
    requestAnimationFrame(() => setTimeout(() => { window.__benchMs = performance.now(); }, 0));
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})()`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeNavigation(browser, url, selector, count) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.addInitScript(paintProbe(selector, count));
    await page.goto(url);
    await page.waitForFunction('typeof window.__benchMs === "number"', undefined, { timeout: 60_000 });
    samples.push(await page.evaluate('window.__benchMs'));
    await context.close();
  }
  return samples;
}

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const results = [];
try {
  // 1. Explore with 1,000 lines.
  {
    const s = await startServer();
    const now = Date.now();
    await pushSpread(s.store, 1000, now - 50 * 60_000, now - 60_000);
    await s.store.flush();
    const url = `${s.server.url}/explore?${new URLSearchParams({ query: '{job="bench"}', from: 'now-1h', to: 'now' })}`;
    const samples = await timeNavigation(browser, url, '#results .log-row', 1000);
    results.push({ what: 'Explore first render, 1,000 lines (navigation start → lines painted)', samples, targetMs: 1000 });
    await s.close();
  }
  // 2. 7 days over 1M lines.
  {
    const s = await startServer();
    const now = Date.now();
    const t0 = performance.now();
    await pushSpread(s.store, totalLines, now - 7 * 86_400_000 + 60_000, now - 60_000);
    // Measure the steady state: the heads are cut into chunks first (the background work of a bulk load).
    await s.store.flush();
    const loadS = (performance.now() - t0) / 1000;
    process.stderr.write(`bench:ui: pushed and flushed ${totalLines} lines in ${loadS.toFixed(1)} s\n`);
    const query = 'sum by (host) (count_over_time({job="bench"} [$__step]))';
    // Explore puts the step in the range itself: the UI's step for 7 days is 7 d / 120 = 5040 s.
    const text = query.replace('[$__step]', '[5040s]');
    const url = `${s.server.url}/explore?${new URLSearchParams({ query: text, from: 'now-7d', to: 'now' })}`;
    const samples = await timeNavigation(browser, url, '#metric-graph canvas', 1);
    results.push({ what: `7-day metric range over ${totalLines.toLocaleString('en')} lines (navigation start → chart painted)`, samples, targetMs: 2000 });
    const filtered = text.replace('{job="bench"}', '{job="bench"} |= "Failed password"');
    const urlFiltered = `${s.server.url}/explore?${new URLSearchParams({ query: filtered, from: 'now-7d', to: 'now' })}`;
    const samplesFiltered = await timeNavigation(browser, urlFiltered, '#metric-graph canvas', 1);
    results.push({ what: `the same with |= "Failed password"`, samples: samplesFiltered, targetMs: 2000 });
    // The HTTP query alone (no browser), to tell the engine's share from the UI's.
    const api = [];
    for (let i = 0; i < runs; i++) {
      const endMs = Date.now();
      const qs = new URLSearchParams({ query: text, start: `${endMs - 7 * 86_400_000}000000`, end: `${endMs}000000`, step: '5040', limit: '1000', direction: 'backward' });
      const t = performance.now();
      const res = await fetch(`${s.server.url}/loki/api/v1/query_range?${qs}`);
      await res.arrayBuffer();
      api.push(performance.now() - t);
    }
    results.push({ what: '7-day metric range, the HTTP query alone (for reference)', samples: api, targetMs: 2000 });
    // Run again on a loaded page: query + draw only.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('#metric-graph canvas').waitFor({ timeout: 60_000 });
    const rerun = [];
    for (let i = 0; i < runs; i++) {
      rerun.push(
        await page.evaluate(`new Promise((resolve) => {
          const start = performance.now();
          const old = document.querySelector('#metric-graph canvas');
          const observer = new MutationObserver(() => {
            const canvas = document.querySelector('#metric-graph canvas');
            if (!canvas || canvas === old) return;
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
          });
          observer.observe(document.getElementById('results'), { childList: true, subtree: true });
          document.getElementById('run-query').click();
        })`),
      );
    }
    await context.close();
    results.push({ what: '7-day metric range, Run on a loaded page (query → chart painted)', samples: rerun, targetMs: 2000 });
    await s.close();
  }
} finally {
  await browser.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}

let failed = false;
for (const r of results) {
  const med = median(r.samples);
  const ok = med <= r.targetMs;
  failed ||= !ok;
  process.stdout.write(`${r.what}: median ${Math.round(med)} ms (runs ${r.samples.map((x) => Math.round(x)).join(', ')} ms), target ≤ ${r.targetMs} ms ${ok ? 'ok' : 'MISSED'}\n`);
}
process.exit(failed ? 1 : 0);
