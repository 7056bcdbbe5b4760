import { queryInstant, queryRange, type LokiStream } from '../api.js';
import { h } from '../dom.js';
import { parseOsqueryLine } from '../osquery-lines.js';
import { quoteLogql } from '../query-text.js';

/** Hosts seen in osquery results (hostIdentifier) and in stream `host` labels over the last 7 days. */
const hostsQuery = `sum by (host) (count_over_time({job="osquery_results"} | json host_id="hostIdentifier" | label_format host="{{.host_id}}" [7d])) or sum by (host) (count_over_time({host=~".+"} [7d]))`;
const lastSeenQuery = `max by (host) (max_over_time({job="osquery_results"} | json host_id="hostIdentifier", unix_time="unixTime" | label_format host="{{.host_id}}" | unwrap unix_time [7d]))`;
const osQuery = `{job="osquery_results", name=~"pack_.+_os_version"} | json`;
const weekMs = 7 * 86_400_000;
/** Result rows shown per query on a host. */
const rowsPerQuery = 10;

interface ResultRow {
  readonly tsNs: bigint;
  readonly action: string;
  readonly columns: Readonly<Record<string, string>>;
}

/** The newest rows of each scheduled query (the line's `name`, else the stream's), newest first. */
export function groupResultsByQuery(streams: readonly LokiStream[]): Map<string, ResultRow[]> {
  const byQuery = new Map<string, ResultRow[]>();
  for (const stream of streams) {
    for (const [ts, line] of stream.values) {
      const parsed = parseOsqueryLine(line);
      if (!parsed) continue;
      const name = parsed.name || (stream.stream.name ?? 'results');
      const rows = byQuery.get(name) ?? [];
      for (const row of parsed.rows) rows.push({ tsNs: BigInt(ts), action: row.action, columns: row.columns });
      byQuery.set(name, rows);
    }
  }
  for (const rows of byQuery.values()) rows.sort((a, b) => (a.tsNs > b.tsNs ? -1 : a.tsNs < b.tsNs ? 1 : 0));
  return new Map([...byQuery.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Hosts: each host seen, last seen, OS where an os_version query reports it, and its latest osquery results per query. */
export function renderHosts(root: HTMLElement, params: URLSearchParams): () => void {
  const list = h('section', { id: 'hosts', 'aria-labelledby': 'hosts-title' });
  const detail = h('section', { id: 'host-detail', 'aria-live': 'polite' });
  const status = h('p', { class: 'status', role: 'status', id: 'hosts-status' }, 'Loading…');
  const errorBox = h('p', { class: 'error', role: 'alert' });
  root.replaceChildren(h('h1', {}, 'Hosts'), status, errorBox, h('h2', { id: 'hosts-title', class: 'visually-hidden' }, 'Hosts seen in the last 7 days'), list, detail);
  let selected = params.get('host') ?? '';

  async function showHost(host: string): Promise<void> {
    selected = host;
    for (const button of list.querySelectorAll<HTMLButtonElement>('button[data-host]')) button.setAttribute('aria-pressed', String(button.dataset.host === host));
    const url = new URL(location.href);
    url.searchParams.set('host', host);
    history.replaceState(null, '', url);
    const endMs = Date.now();
    const query = `{job="osquery_results"} | json host_id="hostIdentifier" | host_id=${quoteLogql(host)}`;
    const data = await queryRange(query, endMs - weekMs, endMs, { limit: 1000 });
    const heading = h('h2', { id: 'host-detail-title' }, `Latest osquery results on ${host}`);
    const explore = h('a', { href: `/explore?${new URLSearchParams({ query, from: 'now-7d', to: 'now' }).toString()}` }, 'Open in Explore');
    const groups = data.resultType === 'streams' ? groupResultsByQuery(data.result) : new Map<string, ResultRow[]>();
    if (groups.size === 0) {
      detail.replaceChildren(heading, h('p', { class: 'empty' }, 'No osquery results from this host in the last 7 days.'));
      return;
    }
    const sections = [...groups.entries()].map(([name, rows]) => {
      const shown = rows.slice(0, rowsPerQuery);
      const columns = [...new Set(shown.flatMap((r) => Object.keys(r.columns)))];
      const head = h('tr', {}, ...['Time', 'Action', ...columns].map((c) => h('th', { scope: 'col' }, c)));
      const body = shown.map((r) =>
        h('tr', {}, h('td', {}, new Date(Number(r.tsNs / 1_000_000n)).toLocaleString()), h('td', {}, r.action), ...columns.map((c) => h('td', {}, r.columns[c] ?? ''))),
      );
      return h(
        'section',
        { class: 'panel host-query', 'aria-label': name },
        h('h3', {}, name),
        h('p', { class: 'status' }, shown.length === rows.length ? `${rows.length} row${rows.length === 1 ? '' : 's'}` : `newest ${shown.length} of ${rows.length} rows`),
        h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, head), h('tbody', {}, ...body))),
      );
    });
    detail.replaceChildren(heading, h('p', {}, explore), ...sections);
  }

  async function refresh(): Promise<void> {
    try {
      const now = Date.now();
      const [hosts, lastSeen, os] = await Promise.all([
        queryInstant(hostsQuery, now),
        queryInstant(lastSeenQuery, now).catch(() => undefined),
        queryRange(osQuery, now - weekMs, now, { limit: 500 }).catch(() => undefined),
      ]);
      const seen = new Map<string, number>();
      if (lastSeen?.resultType === 'vector') for (const s of lastSeen.result) seen.set(s.metric.host ?? '', Number(s.value[1]));
      const osByHost = new Map<string, string>();
      if (os?.resultType === 'streams') {
        for (const stream of os.result) {
          for (const [, line] of stream.values) {
            const parsed = parseOsqueryLine(line);
            const columns = parsed?.rows[0]?.columns;
            if (parsed && columns && parsed.hostIdentifier !== '' && !osByHost.has(parsed.hostIdentifier)) {
              osByHost.set(parsed.hostIdentifier, `${columns.name ?? ''} ${columns.version ?? ''}`.trim());
            }
          }
        }
      }
      const names = hosts.resultType === 'vector' ? [...new Set(hosts.result.map((s) => s.metric.host ?? '').filter((n) => n !== ''))].sort() : [];
      errorBox.textContent = '';
      if (names.length === 0) {
        status.textContent = '';
        list.replaceChildren(h('p', { class: 'empty' }, 'No hosts have reported in the last 7 days.'));
        return;
      }
      status.textContent = `${names.length} host${names.length === 1 ? '' : 's'} seen in the last 7 days. Choose one to see its latest osquery results.`;
      const rows = names.map((name) => {
        const button = h('button', { type: 'button', class: 'link', 'data-host': name, 'aria-pressed': 'false' }, name);
        button.addEventListener('click', () => void showHost(name).catch((err: unknown) => (errorBox.textContent = (err as Error).message)));
        const last = seen.get(name);
        return h('tr', {}, h('td', {}, button), h('td', {}, last ? new Date(last * 1000).toLocaleString() : '—'), h('td', {}, osByHost.get(name) ?? '—'));
      });
      list.replaceChildren(h('table', {}, h('thead', {}, h('tr', {}, ...['Host', 'Last seen', 'OS'].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...rows)));
      const first = names.includes(selected) ? selected : names[0];
      if (first) await showHost(first);
    } catch (err) {
      status.textContent = '';
      errorBox.textContent = (err as Error).message;
    }
  }
  void refresh();
  return () => undefined;
}
