import type { QueryContext, Row, TableImpl } from '../table.js';
import { parsePrometheusText } from './prometheus-text.js';
import { getPrometheusTargetsConfig, readPrometheusPlan } from './prometheus-targets.js';
import { httpGetSync } from './sync-http-client.js';

/**
 * prometheus_metrics: scrapes every URL of the configuration's
 * prometheus_targets (see prometheus-targets.ts) with a GET that follows
 * redirects, and makes a row per sample: target URL, metric name with its
 * labels, value, and the time the answer arrived in ms. As in osquery the
 * body is parsed whatever the HTTP status, and a target that cannot be
 * reached is logged and contributes no rows. Without targets configured it
 * logs osquery's warning and returns nothing.
 */
export function* genPrometheusMetrics(ctx: QueryContext): Iterable<Row> {
  const plan = readPrometheusPlan(getPrometheusTargetsConfig());
  if ('warning' in plan) {
    ctx.warn(plan.warning);
    return;
  }
  for (const url of plan.urls) {
    ctx.checkDeadline();
    const res = httpGetSync(url, { timeoutMs: Math.max(1, plan.timeoutMs) });
    if (!res.ok) {
      ctx.warn(`Failed on scrape of target ${url}: ${res.message}`);
      continue;
    }
    const timestampMs = Date.now();
    for (const sample of parsePrometheusText(res.body.toString('utf8'))) {
      yield { target_name: url, metric_name: sample.name, metric_value: sample.value, timestamp_ms: timestampMs };
    }
  }
}

export const prometheusMetricsTable: TableImpl = {
  name: 'prometheus_metrics',
  generate: genPrometheusMetrics,
  reads: ['HTTP GET of each prometheus_targets.urls entry of the configuration'],
};
