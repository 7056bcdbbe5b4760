import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { ServerModule } from '../create-server.js';
import type { Route, RouteContext } from '../http/app.js';
import { sendText } from '../http/reply.js';

/** The pages of the single-page UI; each answers the same HTML shell. */
export const uiPages = ['/', '/ui', '/explore', '/dashboard', '/alerts', '/hosts'] as const;

const assetTypes: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'app.js.map': 'application/json; charset=utf-8',
  'app.css.map': 'application/json; charset=utf-8',
};

/**
 * Where the built UI is: `web/` beside the CLI bundle (dist/watchpost.mjs) or
 * beside dist/server, or dist/web when running from the sources. A folder
 * counts only with the bundle in it (src/web holds an index.html too).
 */
export function findUiDir(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  const candidates = [join(from, 'web'), join(from, '..', 'web'), join(from, '..', '..', 'web'), join(from, '..', '..', '..', 'dist', 'web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'app.js')));
}

interface Asset {
  readonly body: Buffer;
  /** Gzipped once, for clients that accept it (null when it would not be smaller). */
  readonly gzip: Buffer | null;
}

function readAsset(dir: string, name: string): Asset | undefined {
  let body: Buffer;
  try {
    body = readFileSync(join(dir, name));
  } catch {
    return undefined;
  }
  const gzip = body.length > 1024 ? gzipSync(body, { level: 9 }) : null;
  return { body, gzip: gzip && gzip.length < body.length ? gzip : null };
}

function acceptsGzip(ctx: RouteContext): boolean {
  const header = ctx.req.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b/.test(header);
}

/**
 * Serves the web UI on the API's port: the HTML shell for every page path and
 * the bundled assets under /ui/assets/ (no CDN; works offline). Files are
 * read once and served from memory, gzipped when the client accepts it. The
 * shell names the assets with a content hash (`app.js?v=…`), so they can be
 * cached for a year while an upgraded server's shell fetches the new ones.
 */
export function createUiModule(options: { dir?: string } = {}): ServerModule {
  const dir = options.dir ?? findUiDir();
  const cache = new Map<string, Asset>();
  const asset = (name: string): Asset | undefined => {
    if (dir === undefined) return undefined;
    let found = cache.get(name);
    if (found === undefined) {
      found = readAsset(dir, name);
      if (found) cache.set(name, found);
    }
    return found;
  };
  let shell: Buffer | undefined;
  const readShell = (): Buffer | undefined => {
    if (shell || dir === undefined) return shell;
    let html: string;
    try {
      html = readFileSync(join(dir, 'index.html'), 'utf8');
    } catch {
      return undefined;
    }
    const version = createHash('sha256')
      .update(asset('app.js')?.body ?? '')
      .update(asset('app.css')?.body ?? '')
      .digest('hex')
      .slice(0, 12);
    shell = Buffer.from(html.replace(/\/ui\/assets\/(app\.(?:js|css))"/g, `/ui/assets/$1?v=${version}"`));
    return shell;
  };
  const page = (ctx: RouteContext): void => {
    const html = readShell();
    if (!html) {
      sendText(ctx.res, 503, 'the web UI is not built: run `npm run build`\n');
      return;
    }
    ctx.res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': html.length, 'Cache-Control': 'no-cache' });
    ctx.res.end(html);
  };
  const routes: Route[] = uiPages.map((path) => ({ method: 'GET', path, access: 'authenticated', handle: page }));
  routes.push({
    method: 'GET',
    path: '/ui/assets/:file',
    access: 'authenticated',
    handle(ctx) {
      const name = ctx.params.file ?? '';
      const type = assetTypes[name];
      const found = type ? asset(name) : undefined;
      if (!type || !found) {
        sendText(ctx.res, 404, '404 page not found\n');
        return;
      }
      const gzip = found.gzip !== null && acceptsGzip(ctx);
      const body = gzip && found.gzip ? found.gzip : found.body;
      const versioned = ctx.query.has('v');
      ctx.res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': body.length,
        'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'no-cache',
        Vary: 'Accept-Encoding',
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      });
      ctx.res.end(body);
    },
  });
  return { name: 'ui', routes };
}
