import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIP } from 'node:net';
import type { Registry } from 'prom-client';
import type { Socket } from 'node:net';
import { WatchpostError, createLogger, type Logger } from '../core/index.js';
import { createEngine, type Engine, type QueryLimits } from '../logql/index.js';
import type { Store, StoreAdmin } from '../store/index.js';
import { getBuildInfo } from './build-info.js';
import { createHttpApp, type Route, type UpgradeRoute } from './http/app.js';
import { createTenantResolver, type AuthConfig } from './http/auth.js';
import { defaultMaxBodyBytes } from './http/body.js';
import { createServerMetrics, type ServerMetrics } from './server-metrics.js';
import { createBuildInfoRoutes } from './routes/buildinfo.js';
import { createConfigRoutes } from './routes/config.js';
import { createHealthRoutes } from './routes/health.js';
import { createMetricsRoutes } from './routes/metrics.js';
import { createPushRoutes } from './routes/loki-push.js';
import { createQueryRoutes } from './routes/loki-query.js';
import { createLabelRoutes } from './routes/loki-labels.js';
import { createTailRoutes } from './routes/loki-tail.js';
import { createDeleteRoutes } from './routes/delete.js';
import { createVolumeRangeRoutes } from './routes/loki-volume-range.js';
import type { RouteDeps } from './routes/route-deps.js';

/** A component that adds routes to the server (the ruler, the web UI). */
export interface ServerModule {
  readonly name: string;
  readonly routes?: readonly Route[];
  readonly upgradeRoutes?: readonly UpgradeRoute[];
  /** Called when the server closes, after it stopped accepting requests. */
  close?(): Promise<void>;
}

export interface ServerOptions {
  /** The store; when it also offers the admin API (createStore's does), the delete API and /flush use it. */
  readonly store: Store & Partial<StoreAdmin>;
  /** Default: createEngine(store, queryLimits). */
  readonly engine?: Engine;
  readonly queryLimits?: Partial<QueryLimits>;
  /** Loki's `query_timeout` (default 1m): past it a query answers 504. */
  readonly queryTimeoutMs?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 3100; 0 picks a free port. */
  readonly port?: number;
  /** Loki's `auth_enabled`: require X-Scope-OrgID (implied by credentials). Default false: tenant `fake`. */
  readonly authEnabled?: boolean;
  readonly auth?: AuthConfig;
  /** PEM certificate and key: the server speaks HTTPS. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Default 100 MiB (Loki's max_recv_msg_size). */
  readonly maxBodyBytes?: number;
  /** Push body bytes held at once (decoding or waiting on the store) before pushes answer 429; default 256 MiB. */
  readonly maxInflightPushBytes?: number;
  readonly logger?: Logger;
  readonly modules?: readonly ServerModule[];
  /** Other components' metrics, served on /metrics beside the server's own (`watchpost up`). */
  readonly extraRegistries?: readonly Registry[];
  /** /ready answers 200 only while this holds too (e.g. every component of `watchpost up` runs). */
  readonly isReady?: () => boolean;
  /** What `/config` shows (secrets are redacted there). */
  readonly config?: { readonly effective: () => unknown; readonly defaults: () => unknown };
  readonly now?: () => number;
}

export interface WatchpostServer {
  /** Starts listening; refuses a non-loopback address unless credentials are configured. */
  listen(): Promise<void>;
  /** Stops accepting, ends open connections and tails, closes modules. Does not close the store. */
  close(): Promise<void>;
  /** `http(s)://host:port` once listening. */
  readonly url: string;
  readonly metrics: ServerMetrics;
  registerRoutes(routes: readonly Route[]): void;
  registerUpgradeRoutes(routes: readonly UpgradeRoute[]): void;
  /** Runs `fn` when the server closes (route families with open sessions use it). */
  onClose(fn: () => Promise<void> | void): void;
}

/** The store's admin API when it has one (the in-memory test store has none). */
function adminOf(store: Store & Partial<StoreAdmin>): StoreAdmin | undefined {
  return typeof store.addDeleteRequest === 'function' && typeof store.listDeleteRequests === 'function' && typeof store.cancelDeleteRequest === 'function'
    ? (store as Store & StoreAdmin)
    : undefined;
}

/**
 * Refuses (ERR_CONFIG_INVALID) a non-loopback address unless credentials are
 * configured: Watchpost never serves its API unauthenticated beyond this host.
 */
export function assertListenAllowed(host: string, credentialsConfigured: boolean): void {
  if (isLoopbackHost(host) || credentialsConfigured) return;
  throw new WatchpostError(
    'ERR_CONFIG_INVALID',
    `refusing to listen on ${host}: a non-loopback address needs auth (bearer tokens or basic_auth users in the config file's auth section); listen on 127.0.0.1 otherwise`,
  );
}

/** Whether `host` names a loopback interface. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./i.test(bare);
  return false;
}

export function createServer(options: ServerOptions): WatchpostServer {
  const logger = options.logger ?? createLogger({ fields: { component: 'server' } });
  const host = options.host ?? '127.0.0.1';
  const resolver = createTenantResolver({ authEnabled: options.authEnabled ?? false, auth: options.auth });
  const metrics = createServerMetrics(getBuildInfo());
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const app = createHttpApp({ resolver, maxBodyBytes, logger, onResponse: (route, method, status, seconds) => metrics.observeRequest(route, method, status, seconds) });
  const deps: RouteDeps = { store: options.store, metrics, logger, maxBodyBytes, now: options.now ?? Date.now };
  const closers: (() => Promise<void> | void)[] = [];
  const engine = options.engine ?? createEngine(options.store, options.queryLimits ?? {});
  const tail = createTailRoutes({ store: options.store, engine, logger, metrics });
  closers.push(() => tail.close());
  let ready = false;
  const moduleNames = ['server', 'distributor', 'ingester', 'querier', ...(options.modules ?? []).map((m) => m.name)];

  app.register([
    ...createHealthRoutes({ isReady: () => ready && (options.isReady?.() ?? true), modules: () => moduleNames, flush: typeof options.store.flush === 'function' ? () => (options.store.flush as () => Promise<void>)() : undefined }),
    ...createBuildInfoRoutes(),
    ...createMetricsRoutes(metrics, options.extraRegistries ?? []),
    ...createConfigRoutes(options.config ?? { effective: () => ({}), defaults: () => ({}) }),
    ...createPushRoutes({ ...deps, maxInflightPushBytes: options.maxInflightPushBytes }),
    ...createQueryRoutes({ engine, queryTimeoutMs: options.queryTimeoutMs }),
    ...createLabelRoutes({ store: options.store }),
    ...createVolumeRangeRoutes({ engine }),
  ]);
  app.registerUpgrade(tail.routes);
  const admin = adminOf(options.store);
  if (admin) app.register(createDeleteRoutes({ admin, now: deps.now }));
  for (const m of options.modules ?? []) {
    if (m.routes) app.register(m.routes);
    if (m.upgradeRoutes) app.registerUpgrade(m.upgradeRoutes);
    if (m.close) closers.push(() => (m.close as () => Promise<void>)());
  }

  const handler = app.handle;
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createHttpServer(handler);
  // Loki's http_server_idle_timeout (120s): Node's 5s default closes sockets that clients such as
  // promtail and the benchmark keep idle between batches, and their next request meets a reset.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  server.on('upgrade', (req, socket, head) => app.handleUpgrade(req, socket, head));
  server.on('clientError', (err, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy(err);
  });
  let url = '';

  return {
    metrics,
    get url() {
      return url;
    },
    registerRoutes: (routes) => app.register(routes),
    registerUpgradeRoutes: (routes) => app.registerUpgrade(routes),
    onClose: (fn) => closers.push(fn),
    async listen() {
      assertListenAllowed(host, resolver.credentialsRequired);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 3100, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      const shownHost = isIP(host) === 6 ? `[${host}]` : host;
      url = `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`;
      ready = true;
      logger.info('server listening', { url });
    },
    async close() {
      ready = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const fn of closers.splice(0)) await fn();
      // Requests still running finish; keep-alive sockets left idle are ended.
      setTimeout(() => server.closeAllConnections(), 2000).unref();
      await closed;
    },
  };
}
