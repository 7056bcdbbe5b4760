import type { Route } from '../http/app.js';
import { sendNoContent, sendText } from '../http/reply.js';

/**
 * `/ready` (200 `ready` once the store is open: createServer only listens
 * after that), `/services` (Loki's module list), `/flush` (cuts every head
 * into a chunk when the store can) and the no-op `/ingester/shutdown`.
 */
export function createHealthRoutes(options: { isReady: () => boolean; modules: () => readonly string[]; flush?: (() => Promise<void>) | undefined }): Route[] {
  return [
    {
      method: ['GET', 'HEAD'],
      path: '/ready',
      access: 'public',
      handle(ctx) {
        if (options.isReady()) sendText(ctx.res, 200, 'ready\n');
        else sendText(ctx.res, 503, 'Ingester not ready: waiting for the store to open\n');
      },
    },
    {
      method: 'GET',
      path: '/services',
      access: 'authenticated',
      handle(ctx) {
        sendText(ctx.res, 200, options.modules().map((m) => `${m} => Running\n`).join(''));
      },
    },
    {
      method: ['GET', 'POST'],
      path: '/flush',
      access: 'authenticated',
      async handle(ctx) {
        await options.flush?.();
        sendNoContent(ctx.res);
      },
    },
    { method: ['GET', 'POST'], path: '/ingester/shutdown', access: 'authenticated', handle: (ctx) => sendNoContent(ctx.res) },
  ];
}
