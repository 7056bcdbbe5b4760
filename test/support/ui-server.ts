// A Watchpost server for the UI tests and benchmark: the real store, engine,
// ruler (built-in detections) and server with the UI and ruler modules, on
// 127.0.0.1 and a free port, plus seeding helpers that write the streams the
// UI's pages query, in the shapes `watchpost up` ships them.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWeb } from '../../scripts/bundle-web.mjs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLogger, type Labels } from '../../src/core/index.js';
import { createEngine, type Engine } from '../../src/logql/index.js';
import { builtinDetectionsDir, createRuler, createTemplateExpander, type Ruler } from '../../src/ruler/index.js';
import { createRulerModule, createServer, createUiModule, type WatchpostServer } from '../../src/server/index.js';
import { createStore, type IngestLimits, type PushStream, type WatchpostStore } from '../../src/store/index.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let bundleDir: Promise<string> | undefined;

/**
 * Bundles src/web the way scripts/build.mjs does (app.js, app.css and
 * index.html), once per process, into a temporary folder, so the tests do not
 * depend on (or race with) a `npm run build` of dist/.
 */
export function buildUiBundle(): Promise<string> {
  bundleDir ??= (async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'watchpost-ui-bundle-'));
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    return bundleWeb(outdir);
  })();
  return bundleDir;
}

export interface UiServer {
  readonly url: string;
  readonly store: WatchpostStore;
  readonly engine: Engine;
  readonly ruler: Ruler;
  readonly server: WatchpostServer;
  /** Pushes to tenant `fake` (what the UI reads without auth). */
  push(streams: readonly PushStream[]): Promise<void>;
  /** Evaluates every rule group now (what the ruler's ticker or a push does). */
  evaluateRules(): Promise<void>;
  close(): Promise<void>;
}

export interface UiServerOptions {
  /** A built UI folder; default: buildUiBundle(). */
  readonly uiDir?: string;
  readonly limits?: Partial<IngestLimits>;
  /** Without the ruler module, as a bare `watchpost server` (default true). */
  readonly ruler?: boolean;
}

/** Starts store + engine + ruler + server (UI and ruler modules) on 127.0.0.1:0 in a fresh data directory. */
export async function startUiServer(options: UiServerOptions = {}): Promise<UiServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'watchpost-ui-'));
  const logger = createLogger({ write: () => {} });
  const uiDir = options.uiDir ?? (await buildUiBundle());
  const store = await createStore({ dataDir: join(dataDir, 'store'), limits: options.limits, logger });
  const engine = createEngine(store);
  const ruler = createRuler({
    rulesDirs: [builtinDetectionsDir()],
    dataDir,
    query: (tenant, expr, tsMs) => engine.instantVector(tenant, expr, tsMs),
    expand: createTemplateExpander(),
    logger,
  });
  ruler.reload();
  const modules = [createUiModule({ dir: uiDir }), ...(options.ruler === false ? [] : [createRulerModule(ruler)])];
  const server = createServer({ store, engine, port: 0, logger, modules });
  await server.listen();
  return {
    url: server.url,
    store,
    engine,
    ruler,
    server,
    push: (streams) => store.push('fake', streams),
    evaluateRules: () => ruler.manager.evaluateAll(Date.now()),
    async close() {
      await server.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const msToNs = (ms: number): bigint => BigInt(Math.trunc(ms)) * 1_000_000n;

/** One osquery differential results line (the shape osquery's filesystem logger writes). */
export function osqueryResultLine(options: { name: string; host: string; tsMs: number; counter: number; columns: Record<string, string>; action?: 'added' | 'removed' }): string {
  const unixTime = Math.floor(options.tsMs / 1000);
  return JSON.stringify({
    name: options.name,
    hostIdentifier: options.host,
    calendarTime: new Date(options.tsMs).toUTCString(),
    unixTime,
    epoch: 0,
    counter: options.counter,
    numerics: false,
    decorations: { host_uuid: `uuid-${options.host}`, username: 'root' },
    columns: options.columns,
    action: options.action ?? 'added',
  });
}

function authStream(host: string, entries: Array<{ tsMs: number; line: string }>): PushStream {
  return { labels: { job: 'auth', host } satisfies Labels, entries: entries.map((e) => ({ tsNs: msToNs(e.tsMs), line: e.line })) };
}

function osqueryStream(host: string, name: string, rows: Array<{ tsMs: number; counter: number; columns: Record<string, string> }>): PushStream {
  return {
    labels: { job: 'osquery_results', host, name },
    entries: rows.map((r) => ({ tsNs: msToNs(r.tsMs), line: osqueryResultLine({ name, host, tsMs: r.tsMs, counter: r.counter, columns: r.columns }) })),
  };
}

/** What `seedSecurityData` wrote, for assertions. */
export interface SeededData {
  readonly hosts: readonly string[];
  /** The address whose 12 failed passwords make SSHBruteForce fire. */
  readonly bruteForceIp: string;
  readonly appLines: number;
}

/**
 * Seeds a few hours of a small fleet: sshd Accepted/Failed lines as
 * `{job="auth", host}` (12 recent failures from one address: SSHBruteForce),
 * osquery `last` and `listening_ports` results (event format) and an `os_version`
 * snapshot as
 * `{job="osquery_results", host, name="pack_…"}`, and JSON application lines
 * as `{job="app"}` (only the streams of `options.jobs` when given). All
 * timestamps end a minute before `nowMs`.
 */
export async function seedSecurityData(target: Pick<UiServer, 'push'>, nowMs = Date.now(), options: { jobs?: readonly string[] } = {}): Promise<SeededData> {
  const hosts = ['web-1', 'db-1'];
  const users = ['alice', 'bob', 'carol'];
  const sources = ['10.0.0.5', '10.0.0.6', '192.168.1.20'];
  const attackers = ['198.51.100.4', '198.51.100.23'];
  const bruteForceIp = '203.0.113.9';
  const minute = 60_000;
  const streams: PushStream[] = [];
  for (const [h, host] of hosts.entries()) {
    const auth: Array<{ tsMs: number; line: string }> = [];
    const logins: Array<{ tsMs: number; counter: number; columns: Record<string, string> }> = [];
    for (let i = 0; i < 36; i++) {
      const tsMs = nowMs - (6 * 60 - i * 10 + h) * minute;
      const user = users[(i + h) % users.length] ?? 'alice';
      const src = sources[(i + h) % sources.length] ?? '10.0.0.5';
      const pid = 1000 + i * 10 + h;
      if (i % 3 === 0) {
        const attacker = attackers[i % attackers.length] ?? '198.51.100.4';
        auth.push({ tsMs, line: `Dec  3 10:00:00 ${host} sshd[${pid}]: Failed password for invalid user admin from ${attacker} port ${40000 + i} ssh2` });
      }
      auth.push({ tsMs: tsMs + 1000, line: `Dec  3 10:00:00 ${host} sshd[${pid}]: Accepted password for ${user} from ${src} port ${50000 + i} ssh2` });
      logins.push({ tsMs: tsMs + 2000, counter: i + 1, columns: { host: src, pid: String(pid), time: String(Math.floor(tsMs / 1000)), tty: `pts/${i % 4}`, type: '7', username: user } });
    }
    if (host === 'web-1') {
      for (let i = 0; i < 12; i++) {
        auth.push({ tsMs: nowMs - 5 * minute + i * 1000, line: `Dec  3 10:00:00 ${host} sshd[2001]: Failed password for invalid user admin from ${bruteForceIp} port ${41000 + i} ssh2` });
      }
    }
    streams.push(authStream(host, auth));
    streams.push(osqueryStream(host, 'pack_incident-response_last', logins));
    streams.push(
      osqueryStream(host, 'pack_incident-response_listening_ports', [
        { tsMs: nowMs - 50 * minute, counter: 4, columns: { address: '0.0.0.0', port: String(8080 + h), protocol: '6', pid: String(3000 + h), family: '2', path: '' } },
      ]),
    );
    // os_version is a snapshot query in `watchpost up`: all rows in one `snapshot` array.
    const osTsMs = nowMs - 30 * minute;
    const osLine = osqueryResultLine({ name: 'pack_watchpost-up_os_version', host, tsMs: osTsMs, counter: 0, columns: {} });
    const { columns: _columns, action: _action, ...header } = JSON.parse(osLine) as Record<string, unknown>;
    const snapshot = { snapshot: [{ name: 'Debian GNU/Linux', version: '12 (bookworm)', major: '12', minor: '0', platform: 'debian' }], action: 'snapshot', ...header };
    streams.push({ labels: { job: 'osquery_results', host, name: 'pack_watchpost-up_os_version' }, entries: [{ tsNs: msToNs(osTsMs), line: JSON.stringify(snapshot) }] });
  }
  const app: Array<{ tsNs: bigint; line: string }> = [];
  for (let i = 0; i < 20; i++) {
    app.push({ tsNs: msToNs(nowMs - (30 - i) * minute), line: JSON.stringify({ level: i % 5 === 0 ? 'error' : 'info', msg: `request ${i}`, status: i % 5 === 0 ? 500 : 200, http: { method: 'GET', path: `/api/items/${i}` } }) });
  }
  streams.push({ labels: { job: 'app', host: 'web-1' }, entries: app });
  await target.push(options.jobs ? streams.filter((stream) => options.jobs?.includes(stream.labels.job ?? '')) : streams);
  return { hosts, bruteForceIp, appLines: app.length };
}

/** Debian's Chromium (CI installs the `chromium` package); override with WATCHPOST_CHROMIUM. */
export const chromiumPath = process.env.WATCHPOST_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium through playwright-core (no sandbox: the tests run as root). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`the UI tests need Chromium at ${chromiumPath} (Debian: apt-get install chromium)`);
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors, uncaught exceptions, failed requests and HTTP errors seen so far. */
  readonly problems: string[];
}

/**
 * A new 1366×768 page (a laptop screen) in its own context that records
 * every console error, page error, failed request and HTTP status ≥ 400.
 */
export async function openPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', timezoneId: 'UTC' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return { page, problems };
}

/** Where screenshots go (git-ignored; CI keeps them as artifacts). */
export const screenshotDir = join(repoRoot, 'test-artifacts', 'ui');

/** Saves a full-page screenshot as test-artifacts/ui/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * An in-page accessibility audit (run with `page.evaluate`), returning one
 * line per problem: every visible control has an accessible name; headings
 * start at one h1 and never skip a level; visible text has a contrast of at
 * least 4.5:1 on its (composited) background, 3:1 when large; the page has a
 * live region for status or errors and does not scroll sideways. Kept as
 * JavaScript text because the tests' TypeScript has no DOM library.
 */
export const auditPageScript = String.raw`(() => {
  const issues = [];
  const shown = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const text = (el) => (el ? el.textContent || '' : '').replace(/\s+/g, ' ').trim();
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label');
    if (label && label.trim()) return label.trim();
    const by = el.getAttribute('aria-labelledby');
    if (by) { const t = by.split(/\s+/).map((id) => text(document.getElementById(id))).join(' ').trim(); if (t) return t; }
    if (el.id) { const l = document.querySelector('label[for="' + CSS.escape(el.id) + '"]'); if (l && text(l)) return text(l); }
    const wrap = el.closest('label'); if (wrap && text(wrap)) return text(wrap);
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return el.getAttribute('title') || '';
    return text(el) || el.getAttribute('title') || '';
  };
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, [contenteditable="true"], [tabindex]:not([tabindex="-1"])')) {
    if (shown(el) && !nameOf(el)) issues.push('no accessible name: ' + describe(el));
  }
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) => getComputedStyle(h).display !== 'none');
  const levels = headings.map((h) => Number(h.tagName[1]));
  if (levels.filter((l) => l === 1).length !== 1) issues.push('expected exactly one h1, got ' + levels.filter((l) => l === 1).length);
  if (levels[0] !== 1) issues.push('the first heading is not h1');
  for (let i = 1; i < levels.length; i++) if (levels[i] > levels[i - 1] + 1) issues.push('heading level skips from h' + levels[i - 1] + ' to h' + levels[i] + ': ' + text(headings[i]));
  const parse = (c) => { const m = /rgba?\(([^)]+)\)/.exec(c); if (!m) return [0, 0, 0, 0]; const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const blend = (c, under) => [0, 1, 2].map((i) => c[i] * c[3] + under[i] * (1 - c[3]));
  const lum = (rgb) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]); };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) out = blend(c, out);
    return out;
  };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.textContent.trim() || el.closest('.visually-hidden, noscript, script, style') || !shown(el)) continue;
    if (el.closest('.skip-link') && document.activeElement !== el.closest('.skip-link')) continue;
    seen.add(el);
    const s = getComputedStyle(el);
    const bg = background(el);
    const fg = blend(parse(s.color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) issues.push('contrast ' + ratio.toFixed(2) + ':1 for "' + text(el).slice(0, 40) + '" (' + describe(el) + ', ' + s.color + ' on rgb(' + bg.map(Math.round).join(', ') + '))');
  }
  if (!document.querySelector('[aria-live], [role="status"], [role="alert"]')) issues.push('no live region for status or errors');
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth) issues.push('the page scrolls sideways at ' + innerWidth + ' px');
  return issues;
})()`;

/** What has keyboard focus and whether it shows a focus ring (an outline ≥ 2px on it or on the editor around it). */
export const focusedElementScript = String.raw`(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'body', id: '', text: '', ring: false };
  const target = el.closest('.editor') || el;
  const s = getComputedStyle(target);
  return { tag: el.tagName.toLowerCase(), id: el.id || (el.closest('[id]') ? el.closest('[id]').id : ''), text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60), ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
})()`;
