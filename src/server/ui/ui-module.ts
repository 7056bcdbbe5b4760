import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * Where the built UI is: `web/` beside the CLI bundle (dist/watchpost.mjs),
 * or dist/web when running from the sources (tests).
 */
export function findUiDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'web'), join(here, '..', 'web'), join(here, '..', '..', 'web'), join(here, '..', '..', '..', 'dist', 'web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * Serves the web UI on the API's port: the HTML shell for every page path and
 * the bundled assets under /ui/assets/ (no CDN; works offline). Assets are
 * read once and served from memory with a long cache lifetime.
 */
export function createUiModule(options: { dir?: string } = {}): ServerModule {
  const dir = options.dir ?? findUiDir();
  const cache = new Map<string, Buffer>();
  const read = (name: string): Buffer | undefined => {
    if (dir === undefined) return undefined;
    let body = cache.get(name);
    if (body === undefined) {
      try {
        body = readFileSync(join(dir, name));
      } catch {
        return undefined;
      }
      cache.set(name, body);
    }
    return body;
  };
  const page = (ctx: RouteContext): void => {
    const html = read('index.html');
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
      const body = type ? read(name) : undefined;
      if (!type || !body) {
        sendText(ctx.res, 404, '404 page not found\n');
        return;
      }
      ctx.res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'public, max-age=3600' });
      ctx.res.end(body);
    },
  });
  return { name: 'ui', routes };
}
