import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WatchpostError, type Logger } from '../../core/index.js';
import type { Access, TenantResolver } from './auth.js';
import { readBody } from './body.js';
import { describeError, writeError, type ErrorFormat } from './error-handler.js';

/**
 * A small router on node:http (no framework). Routes are data: method(s),
 * a path with `:param` segments, an access level and a handler. The app
 * resolves the tenant(s) before the handler runs, so handlers never look at
 * credentials, and maps every thrown error through error-handler.ts.
 */
export interface Route {
  readonly method: string | readonly string[];
  /** `/loki/api/v1/label/:name/values`; a `:param` matches one URL-decoded segment. */
  readonly path: string;
  /**
   * `read`/`write`: the tenant is resolved for that access; `authenticated`:
   * credentials are checked when configured, no tenant; `public`: nothing.
   */
  readonly access: Access | 'authenticated' | 'public';
  readonly errorFormat?: ErrorFormat;
  handle(ctx: RouteContext): Promise<void> | void;
}

/** A websocket route: same resolution, then the raw upgrade. */
export interface UpgradeRoute {
  readonly path: string;
  readonly access: Access;
  /** Throwing before the upgrade answers an HTTP error, as Loki does for bad tail parameters. */
  upgrade(ctx: UpgradeContext): Promise<void> | void;
}

export interface RequestInfo {
  readonly req: IncomingMessage;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly params: Readonly<Record<string, string>>;
  /** The resolved tenants (several only for multi-tenant reads); `[]` on public routes. */
  readonly tenants: readonly string[];
  /** tenants[0], or '' on public routes. */
  readonly tenant: string;
}

export interface RouteContext extends RequestInfo {
  readonly res: ServerResponse;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
  /** The raw body, at most the app's body limit (413 beyond). */
  body(): Promise<Buffer>;
  /** Go's `r.Form`: urlencoded body values first, then the query string. */
  form(): Promise<URLSearchParams>;
}

export interface UpgradeContext extends RequestInfo {
  readonly socket: Duplex;
  readonly head: Buffer;
}

export interface HttpAppOptions {
  readonly resolver: TenantResolver;
  readonly maxBodyBytes: number;
  readonly logger: Logger;
  /** Called once per answered request (metrics). `route` is the route's path pattern or `other`. */
  readonly onResponse?: (route: string, method: string, status: number, seconds: number) => void;
}

export interface HttpApp {
  register(routes: readonly Route[]): void;
  registerUpgrade(routes: readonly UpgradeRoute[]): void;
  handle(req: IncomingMessage, res: ServerResponse): void;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

interface Compiled<T> {
  readonly segments: readonly string[];
  readonly route: T;
}

export function createHttpApp(options: HttpAppOptions): HttpApp {
  const exact = new Map<string, Route[]>();
  const patterns: Compiled<Route>[] = [];
  const upgrades: Compiled<UpgradeRoute>[] = [];

  const find = (path: string, method: string): { route: Route; params: Record<string, string> } | 'method' | undefined => {
    const candidates = exact.get(path);
    let pathMatched = false;
    if (candidates) {
      pathMatched = true;
      const route = candidates.find((r) => allows(r, method));
      if (route) return { route, params: {} };
    }
    const segments = path.split('/');
    for (const p of patterns) {
      const params = matchSegments(p.segments, segments);
      if (params === undefined) continue;
      pathMatched = true;
      if (allows(p.route, method)) return { route: p.route, params };
    }
    return pathMatched ? 'method' : undefined;
  };

  const resolveTenants = (req: IncomingMessage, access: Route['access']): string[] => {
    if (access === 'public') return [];
    const authorization = req.headers.authorization;
    if (access === 'authenticated') {
      options.resolver.authenticate(authorization);
      return [];
    }
    const orgId = req.headers['x-scope-orgid'];
    return options.resolver.resolve({ authorization, orgId: Array.isArray(orgId) ? orgId[0] : orgId }, access);
  };

  return {
    register(routes) {
      for (const route of routes) {
        if (route.path.includes('/:')) patterns.push({ segments: route.path.split('/'), route });
        else exact.set(route.path, [...(exact.get(route.path) ?? []), route]);
      }
    },
    registerUpgrade(routes) {
      for (const route of routes) upgrades.push({ segments: route.path.split('/'), route });
    },
    handle(req, res) {
      const started = performance.now();
      const method = req.method ?? 'GET';
      const url = parseUrl(req.url);
      const found = find(url.path, method);
      let routeName = 'other';
      let format: ErrorFormat = 'text';
      res.once('finish', () => options.onResponse?.(routeName, method, res.statusCode, (performance.now() - started) / 1000));
      if (found === undefined || found === 'method') {
        const status = found === 'method' ? 405 : 404;
        const body = found === 'method' ? 'Method Not Allowed' : '404 page not found\n';
        res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
        res.end(body);
        req.resume();
        return;
      }
      const { route, params } = found;
      routeName = route.path;
      format = route.errorFormat ?? 'text';
      const controller = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) {
          controller.abort(new WatchpostError('ERR_API_BAD_REQUEST', 'the request was cancelled by the client', { details: { httpStatus: 499 } }));
        }
      });
      let bodyPromise: Promise<Buffer> | undefined;
      const body = (): Promise<Buffer> => (bodyPromise ??= readBody(req, options.maxBodyBytes));
      let formPromise: Promise<URLSearchParams> | undefined;
      const form = (): Promise<URLSearchParams> =>
        (formPromise ??= (async () => {
          const merged = new URLSearchParams();
          const type = req.headers['content-type'] ?? '';
          if (method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
            for (const [k, v] of new URLSearchParams((await body()).toString('utf8'))) merged.append(k, v);
          }
          for (const [k, v] of url.query) merged.append(k, v);
          return merged;
        })());
      const run = async (): Promise<void> => {
        const tenants = resolveTenants(req, route.access);
        const ctx: RouteContext = { req, res, path: url.path, query: url.query, params, tenants, tenant: tenants[0] ?? '', signal: controller.signal, body, form };
        await route.handle(ctx);
      };
      run().catch((err: unknown) => {
        writeError(res, err, { format, logger: options.logger });
        if (!req.readableEnded) req.resume();
      });
    },
    handleUpgrade(req, socket, head) {
      const url = parseUrl(req.url);
      const segments = url.path.split('/');
      const match = upgrades.map((u) => ({ u, params: matchSegments(u.segments, segments) })).find((m) => m.params !== undefined);
      if (!match || match.params === undefined) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n404 page not found\n');
        return;
      }
      const params = match.params;
      const run = async (): Promise<void> => {
        const tenants = resolveTenants(req, match.u.route.access);
        await match.u.route.upgrade({ req, path: url.path, query: url.query, params, tenants, tenant: tenants[0] ?? '', socket, head });
      };
      run().catch((err: unknown) => writeUpgradeError(socket, err, options.logger));
    },
  };
}

function allows(route: Route, method: string): boolean {
  return typeof route.method === 'string' ? route.method === method : route.method.includes(method);
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const s = segments[i] as string;
    if (p.startsWith(':')) {
      if (s === '') return undefined;
      try {
        params[p.slice(1)] = decodeURIComponent(s);
      } catch {
        return undefined;
      }
    } else if (p !== s) return undefined;
  }
  return params;
}

function parseUrl(raw: string | undefined): { path: string; query: URLSearchParams } {
  const text = raw ?? '/';
  const q = text.indexOf('?');
  return q < 0 ? { path: text, query: new URLSearchParams() } : { path: text.slice(0, q), query: new URLSearchParams(text.slice(q + 1)) };
}

/** Answers an error on a socket that was never upgraded: a plain HTTP response, then close. */
function writeUpgradeError(socket: Duplex, err: unknown, logger: Logger): void {
  const reply = describeError(err);
  if (reply.status >= 500) logger.error('upgrade failed', { err: err instanceof Error ? err.message : String(err) });
  const body = Buffer.from(reply.message);
  socket.end(
    `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? 'Error'}\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n` +
      `X-Watchpost-Error-Code: ${reply.code}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${reply.message}`,
  );
}
