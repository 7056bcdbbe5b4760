import type { Route } from '../http/app.js';
import type { ServerMetrics } from '../server-metrics.js';

/** `GET /metrics`: Prometheus text format 0.0.4 of the server's registry (credentials required when auth is on). */
export function createMetricsRoutes(metrics: ServerMetrics): Route[] {
  return [
    {
      method: 'GET',
      path: '/metrics',
      access: 'authenticated',
      async handle(ctx) {
        const body = await metrics.registry.metrics();
        ctx.res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Content-Length': Buffer.byteLength(body) });
        ctx.res.end(body);
      },
    },
  ];
}
