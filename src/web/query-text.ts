/**
 * Query-text helpers of Explore (no DOM): what kind of query a text is, and
 * the edits the logs view's clickable labels and fields make.
 */

/** A filter a click in the logs view adds: a stream matcher, or a label filter after `| json`. */
export interface QueryFilter {
  readonly kind: 'label' | 'json';
  readonly name: string;
  readonly value: string;
}

/** Whether a query is a log query (a selector with a pipeline) rather than a metric query. */
export function isLogQuery(query: string): boolean {
  return query.trimStart().startsWith('{');
}

/** A Go/LogQL double-quoted string. */
export function quoteLogql(value: string): string {
  return JSON.stringify(value);
}

/**
 * Adds a stream matcher to the selector (`{a="b"}` → `{a="b", c="d"}`), or a
 * label filter after a json parser (appending `| json` when the query has none).
 */
export function addFilterToQuery(query: string, filter: QueryFilter): string {
  const quoted = quoteLogql(filter.value);
  if (filter.kind === 'label') {
    const open = query.indexOf('{');
    const close = query.indexOf('}', open);
    if (open < 0 || close < 0) return `{${filter.name}=${quoted}}`;
    const inside = query.slice(open + 1, close).trim();
    return `${query.slice(0, close).trimEnd()}${inside === '' ? '' : ', '}${filter.name}=${quoted}${query.slice(close)}`;
  }
  const hasJson = /\|\s*json\b/.test(query);
  return `${query.trimEnd()}${hasJson ? '' : ' | json'} | ${filter.name}=${quoted}`;
}

/** The query an Explore URL carries: `query=`, or a Grafana-style `left={"queries":[{"expr":…}]}` (the ruler's generatorURL). */
export function queryFromUrl(params: URLSearchParams): string {
  const direct = params.get('query');
  if (direct !== null) return direct;
  try {
    const left = JSON.parse(params.get('left') ?? '{}') as { queries?: Array<{ expr?: string }> };
    return left.queries?.[0]?.expr ?? '';
  } catch {
    return '';
  }
}

/** Prometheus-style series name: `{a="b", c="d"}` (sorted names), `{}` for none. */
export function formatSeriesLabels(metric: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(metric)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${quoteLogql(v)}`);
  return `{${pairs.join(', ')}}`;
}
