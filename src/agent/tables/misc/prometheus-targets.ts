/**
 * The `prometheus_targets` key of the agent's configuration, which osquery's
 * PrometheusMetricsConfigParserPlugin keeps for prometheus_metrics:
 *
 *   "prometheus_targets": { "urls": ["http://127.0.0.1:9100/metrics"], "timeout": 2 }
 *
 * `timeout` is in seconds (default 1). The configuration loader hands the
 * key's value over with setPrometheusTargetsConfig; undefined means the
 * configuration has no such key.
 */
let current: unknown;

export function setPrometheusTargetsConfig(value: unknown): void {
  current = value;
}

/** The value last handed to setPrometheusTargetsConfig. */
export function getPrometheusTargetsConfig(): unknown {
  return current;
}

/** The scrape plan of the current configuration, or the warning osquery logs when there is none. */
export type PrometheusPlan =
  | { readonly urls: readonly string[]; readonly timeoutMs: number }
  | { readonly warning: string };

/**
 * Reads a `prometheus_targets` value as osquery's genPrometheusMetrics does:
 * no key warns `Could not load prometheus_targets root key`, no `urls` warns
 * about the missing field; URLs are de-duplicated and sorted (osquery keys a
 * std::map by them). Non-string URLs are ignored.
 */
export function readPrometheusPlan(value: unknown): PrometheusPlan {
  if (value === undefined) return { warning: 'Could not load prometheus_targets root key: prometheus_targets' };
  const config = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (!('urls' in config)) return { warning: 'Configuration for prometheus_targets is missing field: urls' };
  const urls = Array.isArray(config.urls) ? config.urls.filter((u): u is string => typeof u === 'string') : [];
  const timeout = config.timeout;
  const timeoutS = typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= 0 ? timeout : 1;
  // osquery's client sets no timer for 0; a minute stands in for "no limit" so a query cannot hang.
  return { urls: [...new Set(urls)].sort(), timeoutMs: timeoutS === 0 ? 60_000 : timeoutS * 1000 };
}
