// A Watchpost server for the UI tests and benchmark: the real store, engine,
// ruler (built-in detections) and server with the UI and ruler modules, on
// 127.0.0.1 and a free port, plus seeding helpers that write the streams the
// UI's pages query, in the shapes `watchpost up` ships them.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
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
    await build({
      entryPoints: { app: join(repoRoot, 'src/web/main.ts') },
      outdir,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      sourcemap: true,
      logLevel: 'warning',
    });
    copyFileSync(join(repoRoot, 'src/web/index.html'), join(outdir, 'index.html'));
    return outdir;
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
  const server = createServer({ store, engine, port: 0, logger, modules: [createUiModule({ dir: uiDir }), createRulerModule(ruler)] });
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
 * osquery `last`, `listening_ports` and `os_version` results as
 * `{job="osquery_results", host, name="pack_…"}`, and JSON application lines
 * as `{job="app"}`. All timestamps end a minute before `nowMs`.
 */
export async function seedSecurityData(target: Pick<UiServer, 'push'>, nowMs = Date.now()): Promise<SeededData> {
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
    streams.push(
      osqueryStream(host, 'pack_incident-response_os_version', [
        { tsMs: nowMs - 30 * minute, counter: 0, columns: { name: 'Debian GNU/Linux', version: '12 (bookworm)', major: '12', minor: '0', platform: 'debian' } },
      ]),
    );
  }
  const app: Array<{ tsNs: bigint; line: string }> = [];
  for (let i = 0; i < 20; i++) {
    app.push({ tsNs: msToNs(nowMs - (30 - i) * minute), line: JSON.stringify({ level: i % 5 === 0 ? 'error' : 'info', msg: `request ${i}`, status: i % 5 === 0 ? 500 : 200, http: { method: 'GET', path: `/api/items/${i}` } }) });
  }
  streams.push({ labels: { job: 'app', host: 'web-1' }, entries: app });
  await target.push(streams);
  return { hosts, bruteForceIp, appLines: app.length };
}
