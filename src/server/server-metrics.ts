import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BuildInfo } from './build-info.js';

/**
 * The server's metrics, in a registry of its own (several servers can run in
 * one process, e.g. in tests). Names are Loki's where Loki has one, so
 * existing dashboards work; the rest are `watchpost_server_*`.
 */
export interface ServerMetrics {
  readonly registry: Registry;
  observeRequest(route: string, method: string, status: number, seconds: number, ws?: boolean): void;
  recordReceived(tenant: string, lines: number, bytes: number): void;
  recordPushFailure(tenant: string, code: string): void;
  setTailSessions(count: number): void;
}

export function createServerMetrics(buildInfo: BuildInfo): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'loki_request_duration_seconds',
    help: 'Time (in seconds) spent serving HTTP requests.',
    labelNames: ['method', 'route', 'status_code', 'ws'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100],
    registers: [registry],
  });
  const bytesReceived = new Counter({
    name: 'loki_distributor_bytes_received_total',
    help: 'The total number of uncompressed bytes received per tenant. Includes structured metadata bytes.',
    labelNames: ['tenant', 'retention_hours', 'aggregated_metric'],
    registers: [registry],
  });
  const linesReceived = new Counter({
    name: 'loki_distributor_lines_received_total',
    help: 'The total number of lines received per tenant',
    labelNames: ['tenant', 'aggregated_metric'],
    registers: [registry],
  });
  const pushFailures = new Counter({
    name: 'watchpost_server_push_failures_total',
    help: 'Push requests answered with an error, by tenant and Watchpost error code.',
    labelNames: ['tenant', 'code'],
    registers: [registry],
  });
  const tailSessions = new Gauge({
    name: 'loki_querier_tail_active',
    help: 'Number of active tailers',
    registers: [registry],
  });
  const info = new Gauge({
    name: 'loki_build_info',
    help: 'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which loki was built, and the goos and goarch for the build.',
    labelNames: ['version', 'revision', 'branch', 'goversion', 'goos', 'goarch', 'tags'],
    registers: [registry],
  });
  info.set({ version: buildInfo.version, revision: buildInfo.revision, branch: buildInfo.branch, goversion: buildInfo.goVersion, goos: process.platform, goarch: process.arch, tags: 'unknown' }, 1);
  new Gauge({
    name: 'watchpost_build_info',
    help: 'A metric with a constant \'1\' value labeled by the Watchpost version and the Node.js version running it.',
    labelNames: ['version', 'node_version'],
    registers: [registry],
  }).set({ version: buildInfo.watchpostVersion, node_version: process.version }, 1);

  return {
    registry,
    observeRequest(route, method, status, seconds, ws = false) {
      requestDuration.observe({ method, route: routeLabel(route), status_code: String(status), ws: String(ws) }, seconds);
    },
    recordReceived(tenant, lines, bytes) {
      bytesReceived.inc({ tenant, retention_hours: '', aggregated_metric: 'false' }, bytes);
      linesReceived.inc({ tenant, aggregated_metric: 'false' }, lines);
    },
    recordPushFailure(tenant, code) {
      pushFailures.inc({ tenant, code });
    },
    setTailSessions(count) {
      tailSessions.set(count);
    },
  };
}

/** Loki's route label: the path template with separators as `_` (`/loki/api/v1/push` → `loki_api_v1_push`). */
export function routeLabel(path: string): string {
  if (path === 'other') return 'other';
  return path.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}
