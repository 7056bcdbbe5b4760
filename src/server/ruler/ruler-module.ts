import { handleRulerRequest, type Ruler } from '../../ruler/index.js';
import type { ServerModule } from '../create-server.js';
import type { Route, RouteContext } from '../http/app.js';
import { sendJson } from '../http/reply.js';

/**
 * The ruler's HTTP API on the server's port, as Loki's ruler serves it:
 * `/loki/api/v1/rules…` (and `/api/prom/rules…`), `/prometheus/api/v1/rules`,
 * `/prometheus/api/v1/alerts`; plus Watchpost's `/api/v1/alerts/history`.
 */
export function createRulerModule(ruler: Ruler): ServerModule {
  const handle = async (ctx: RouteContext): Promise<void> => {
    const body = ctx.req.method === 'POST' ? (await ctx.body()).toString('utf8') : '';
    const response = handleRulerRequest(ruler, { method: ctx.req.method ?? 'GET', path: ctx.path, query: ctx.query, body, tenant: ctx.tenant });
    ctx.res.writeHead(response.status, { 'Content-Type': response.contentType, 'Content-Length': Buffer.byteLength(response.body) });
    ctx.res.end(response.body);
  };
  const routes: Route[] = [];
  for (const prefix of ['/loki/api/v1/rules', '/api/prom/rules']) {
    routes.push(
      { method: 'GET', path: prefix, access: 'read', handle },
      { method: 'GET', path: `${prefix}/:namespace`, access: 'read', handle },
      { method: 'GET', path: `${prefix}/:namespace/:group`, access: 'read', handle },
      { method: 'POST', path: `${prefix}/:namespace`, access: 'write', handle },
      { method: 'DELETE', path: `${prefix}/:namespace`, access: 'write', handle },
      { method: 'DELETE', path: `${prefix}/:namespace/:group`, access: 'write', handle },
    );
  }
  routes.push(
    { method: 'GET', path: '/prometheus/api/v1/rules', access: 'read', handle },
    { method: 'GET', path: '/prometheus/api/v1/alerts', access: 'read', handle },
    {
      method: 'GET',
      path: '/api/v1/alerts/history',
      access: 'read',
      handle(ctx) {
        sendJson(ctx.res, 200, { status: 'success', data: { history: ruler.manager.history(ctx.tenant) } });
      },
    },
  );
  return {
    name: 'ruler',
    routes,
    close: () => ruler.stop(),
  };
}
