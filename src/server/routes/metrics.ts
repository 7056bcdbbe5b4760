import { Registry } from 'prom-client';
import type { Route } from '../http/app.js';
import type { ServerMetrics } from '../server-metrics.js';

/**
 * `GET /metrics`: Prometheus text format 0.0.4 of the server's registry plus
 * `extra` registries of components running in the same process
 * (credentials required when auth is on).
 */
export function createMetricsRoutes(metrics: ServerMetrics, extra: readonly Registry[] = []): Route[] {
  return [
    {
      method: 'GET',
      path: '/metrics',
      access: 'authenticated',
      async handle(ctx) {
        const registry = extra.length ? mergeRegistries([metrics.registry, ...extra]) : metrics.registry;
        const body = await registry.metrics();
        ctx.res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Content-Length': Buffer.byteLength(body) });
        ctx.res.end(body);
      },
    },
  ];
}

/** One registry over several; a metric name registered twice is served once (the first registry's). */
function mergeRegistries(registries: readonly Registry[]): Registry {
  const merged = new Registry();
  const seen = new Set<string>();
  for (const r of registries) {
    for (const { name } of r.getMetricsAsArray()) {
      const metric = r.getSingleMetric(name);
      if (metric === undefined || seen.has(name)) continue;
      seen.add(name);
      merged.registerMetric(metric);
    }
  }
  return merged;
}
