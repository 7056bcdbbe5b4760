/**
 * The browser side of the Loki-compatible HTTP API (same origin). Errors carry
 * the server's own text (Loki's), which the UI shows beside the editor.
 */
export interface LokiStream {
  readonly stream: Record<string, string>;
  readonly values: ReadonlyArray<readonly [string, string]>;
}

export interface MatrixSeries {
  readonly metric: Record<string, string>;
  readonly values: ReadonlyArray<readonly [number, string]>;
}

export interface VectorSample {
  readonly metric: Record<string, string>;
  readonly value: readonly [number, string];
}

export type QueryData =
  | { readonly resultType: 'streams'; readonly result: LokiStream[] }
  | { readonly resultType: 'matrix'; readonly result: MatrixSeries[] }
  | { readonly resultType: 'vector'; readonly result: VectorSample[] }
  | { readonly resultType: 'scalar'; readonly result: readonly [number, string] };

export class ApiError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

async function getJson<T>(path: string, params: Record<string, string>): Promise<T> {
  const url = `${path}?${new URLSearchParams(params).toString()}`;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  if (!response.ok) throw new ApiError(text.trim() || response.statusText, response.status);
  return JSON.parse(text) as T;
}

/** GET /loki/api/v1/query_range. Times in ms. */
export async function queryRange(query: string, startMs: number, endMs: number, options: { limit?: number; stepSec?: number; direction?: string } = {}): Promise<QueryData> {
  const params: Record<string, string> = {
    query,
    start: `${startMs}000000`,
    end: `${endMs}000000`,
    limit: String(options.limit ?? 1000),
    direction: options.direction ?? 'backward',
  };
  if (options.stepSec !== undefined) params.step = String(options.stepSec);
  const body = await getJson<{ data: QueryData }>('/loki/api/v1/query_range', params);
  return body.data;
}

/** GET /loki/api/v1/query (instant). */
export async function queryInstant(query: string, timeMs: number): Promise<QueryData> {
  const body = await getJson<{ data: QueryData }>('/loki/api/v1/query', { query, time: `${timeMs}000000` });
  return body.data;
}

export async function labelNames(startMs: number, endMs: number): Promise<string[]> {
  const body = await getJson<{ data?: string[] }>('/loki/api/v1/labels', { start: `${startMs}000000`, end: `${endMs}000000` });
  return body.data ?? [];
}

export async function labelValues(name: string, startMs: number, endMs: number): Promise<string[]> {
  const body = await getJson<{ data?: string[] }>(`/loki/api/v1/label/${encodeURIComponent(name)}/values`, { start: `${startMs}000000`, end: `${endMs}000000` });
  return body.data ?? [];
}

export interface RuleView {
  readonly name: string;
  readonly query: string;
  readonly type: 'alerting' | 'recording';
  readonly state?: string;
  readonly health: string;
  readonly lastError: string;
  readonly lastEvaluation: string;
  readonly labels: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly alerts?: AlertView[];
}

export interface AlertView {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly state: string;
  readonly activeAt: string;
  readonly value: string;
}

let services: Promise<string[]> | undefined;

/**
 * The server's running modules (Loki's `/services`, read once): `watchpost up`
 * runs the ruler, a bare `watchpost server` does not, and the UI does not ask
 * a module that is not there (a 404 would be a console error).
 */
export function runningServices(): Promise<string[]> {
  services ??= fetch('/services')
    .then(async (response) => (response.ok ? (await response.text()).split('\n').map((line) => line.split(' => ')[0] ?? '').filter((name) => name !== '') : []))
    .catch(() => {
      services = undefined;
      return [];
    });
  return services;
}

/** Whether the ruler (rules, alerts, history APIs) runs on this server. */
export async function hasRuler(): Promise<boolean> {
  return (await runningServices()).includes('ruler');
}

export async function rules(): Promise<Array<{ name: string; file: string; rules: RuleView[] }>> {
  if (!(await hasRuler())) return [];
  const body = await getJson<{ data: { groups: Array<{ name: string; file: string; rules: RuleView[] }> } }>('/prometheus/api/v1/rules', {});
  return body.data.groups;
}

export async function activeAlerts(): Promise<AlertView[]> {
  if (!(await hasRuler())) return [];
  const body = await getJson<{ data: { alerts: AlertView[] } }>('/prometheus/api/v1/alerts', {});
  return body.data.alerts;
}

export interface AlertHistoryEntry {
  readonly tsMs: number;
  readonly alertname: string;
  readonly labels: Record<string, string>;
  readonly state: 'firing' | 'resolved';
}

/** Watchpost's own: recent firing and resolved transitions. */
export async function alertHistory(): Promise<AlertHistoryEntry[]> {
  if (!(await hasRuler())) return [];
  const body = await getJson<{ data: { history: AlertHistoryEntry[] } }>('/api/v1/alerts/history', {});
  return body.data.history;
}
