import type { Labels } from '../../core/index.js';

/** An alert as Alertmanager's v2 API receives it (alerting.md §4). */
export interface PostableAlert {
  readonly labels: Labels;
  readonly annotations: Readonly<Record<string, string>>;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly generatorURL: string;
}

/** RFC 3339 with milliseconds in UTC, as Prometheus's notifier marshals times. */
export function formatAlertTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Loki's generatorURL: `<external_url>/explore?left=<{"queries":[{"expr":…,"queryType":"range"}]}>`.
 * Watchpost's UI serves /explore, so the link opens the query there.
 */
export function generatorUrl(externalUrl: string, expr: string): string {
  const left = JSON.stringify({ queries: [{ expr, queryType: 'range' }] });
  return `${externalUrl.replace(/\/$/, '')}/explore?left=${encodeURIComponent(left)}`;
}
