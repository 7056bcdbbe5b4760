import { queryInstant, queryRange } from '../api.js';
import { renderLogs } from '../components/logs-view.js';
import { h } from '../dom.js';

/** Hosts seen in osquery results (hostIdentifier) and in stream `host` labels over the last 7 days. */
const hostsQuery = `sum by (host) (count_over_time({job="osquery_results"} | json host_id="hostIdentifier" | label_format host="{{.host_id}}" [7d])) or sum by (host) (count_over_time({host=~".+"} [7d]))`;
const lastSeenQuery = `max by (host) (max_over_time({job="osquery_results"} | json host_id="hostIdentifier", unix_time="unixTime" | label_format host="{{.host_id}}" | unwrap unix_time [7d]))`;

/** Hosts: each host seen, last seen, OS where an os_version query reports it, and its latest osquery results. */
export function renderHosts(root: HTMLElement, params: URLSearchParams): () => void {
  const list = h('div', { id: 'hosts' });
  const detail = h('section', { id: 'host-detail', 'aria-label': 'Host results' });
  const errorBox = h('p', { class: 'error', role: 'alert' });
  root.replaceChildren(h('h1', {}, 'Hosts'), errorBox, list, detail);

  async function showHost(host: string): Promise<void> {
    const endMs = Date.now();
    const data = await queryRange(`{job="osquery_results"} | json host_id="hostIdentifier" | host_id=${JSON.stringify(host)}`, endMs - 7 * 86_400_000, endMs, { limit: 50 });
    detail.replaceChildren(h('h2', {}, `Latest osquery results on ${host}`));
    const box = h('div', {});
    detail.append(box);
    if (data.resultType === 'streams') renderLogs(box, data.result, () => undefined, { max: 50 });
  }

  async function refresh(): Promise<void> {
    try {
      const now = Date.now();
      const [hosts, lastSeen, os] = await Promise.all([
        queryInstant(hostsQuery, now),
        queryInstant(lastSeenQuery, now).catch(() => undefined),
        queryRange(`{job="osquery_results", name=~"pack_.+_os_version"} | json`, now - 7 * 86_400_000, now, { limit: 500 }).catch(() => undefined),
      ]);
      const seen = new Map<string, number>();
      if (lastSeen?.resultType === 'vector') for (const s of lastSeen.result) seen.set(s.metric.host ?? '', Number(s.value[1]));
      const osByHost = new Map<string, string>();
      if (os?.resultType === 'streams') {
        for (const stream of os.result) {
          for (const [, line] of stream.values) {
            try {
              const row = JSON.parse(line) as { hostIdentifier?: string; columns?: Record<string, string> };
              if (row.hostIdentifier && !osByHost.has(row.hostIdentifier)) osByHost.set(row.hostIdentifier, `${row.columns?.name ?? ''} ${row.columns?.version ?? ''}`.trim());
            } catch {
              // not a results line
            }
          }
        }
      }
      const names = hosts.resultType === 'vector' ? [...new Set(hosts.result.map((s) => s.metric.host ?? '').filter((n) => n !== ''))].sort() : [];
      if (names.length === 0) {
        list.replaceChildren(h('p', { class: 'empty' }, 'No hosts have reported yet.'));
        return;
      }
      const rows = names.map((name) => {
        const button = h('button', { type: 'button', class: 'link' }, name);
        button.addEventListener('click', () => void showHost(name));
        const last = seen.get(name);
        return h('tr', {}, h('td', {}, button), h('td', {}, last ? new Date(last * 1000).toLocaleString() : '—'), h('td', {}, osByHost.get(name) ?? '—'));
      });
      list.replaceChildren(h('table', {}, h('thead', {}, h('tr', {}, ...['Host', 'Last seen', 'OS'].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...rows)));
      const selected = params.get('host') ?? names[0];
      if (selected) await showHost(selected);
      errorBox.textContent = '';
    } catch (err) {
      errorBox.textContent = (err as Error).message;
    }
  }
  void refresh();
  return () => undefined;
}
