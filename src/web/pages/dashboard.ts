import { activeAlerts, hasRuler, queryInstant, queryRange, type AlertView, type LokiStream, type QueryData } from '../api.js';
import { destroyGraph, drawGraph } from '../components/graph.js';
import { h } from '../dom.js';
import { parseOsqueryLine } from '../osquery-lines.js';
import { stepFor } from '../time-range.js';

const failedRegexp = '`Failed (?P<method>[^ ]+) for (?:invalid user )?(?P<user>.*) from (?P<src_ip>[0-9A-Fa-f:.]+) port (?P<src_port>[0-9]+)(?: ssh2)?(?:: .*)?$`';
const acceptedRegexp = '`Accepted (?P<method>[^ ]+) for (?P<user>.+) from (?P<src_ip>[0-9A-Fa-f:.]+) port (?P<src_port>[0-9]+)(?: ssh2)?(?:: .*)?$`';
const anyRegexp = '`(?:Accepted|Failed) (?P<method>[^ ]+) for (?:invalid user )?(?P<user>.*) from (?P<src_ip>[0-9A-Fa-f:.]+) port (?P<src_port>[0-9]+)(?: ssh2)?(?:: .*)?$`';

/**
 * The built-in "SSH activity" dashboard's queries, over the streams the
 * built-in detections read (src/ruler/detections): osquery `last` rows
 * (`{job="osquery_results", name="pack_…_last"}`) and sshd lines (`{job="auth"}`).
 * `$step` and `$range` are replaced by the panel's step and the dashboard's range.
 */
export const sshPanels = {
  sshLogins: `sum by (host, user) (count_over_time({job="auth"} |= "Accepted " | regexp ${acceptedRegexp} [$step]))`,
  logins: `sum by (host, user) (count_over_time({job="osquery_results", name=~"pack_.+_last"} | json action, counter, type="columns.type", user="columns.username", host_id="hostIdentifier" | action="added" and counter!="0" and type="7" | label_format host="{{.host_id}}" [$step]))`,
  failures: `sum by (src_ip) (count_over_time({job="auth"} |= "Failed " | regexp ${failedRegexp} [$step]))`,
  topSources: `topk(10, sum by (src_ip) (count_over_time({job="auth"} |~ "Accepted |Failed " | regexp ${anyRegexp} [$range])))`,
  newPorts: `{job="osquery_results", name=~"pack_.+_listening_ports"} | json action, counter | action="added" and counter!="0"`,
} as const;

/** The dashboard's ranges (`?hours=`). */
const ranges: ReadonlyArray<{ hours: number; label: string }> = [
  { hours: 1, label: 'Last 1 hour' },
  { hours: 6, label: 'Last 6 hours' },
  { hours: 24, label: 'Last 24 hours' },
  { hours: 168, label: 'Last 7 days' },
];

const refreshMs = 30_000;

/** SSH activity: logins by host and user, failures by source, top sources, new ports, firing alerts; refreshes every 30 s. */
export function renderDashboard(root: HTMLElement, params: URLSearchParams): () => void {
  let rangeHours = Number(params.get('hours') ?? '24');
  if (!ranges.some((r) => r.hours === rangeHours)) rangeHours = 24;
  const panels = {
    logins: h('div', { id: 'panel-logins' }),
    failures: h('div', { id: 'panel-failures' }),
    sources: h('div', { class: 'table-wrap', id: 'panel-sources' }),
    ports: h('div', { class: 'table-wrap', id: 'panel-ports' }),
    alerts: h('div', { class: 'table-wrap', id: 'panel-alerts' }),
  };
  const updated = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'dashboard-updated' }, 'Loading…');
  const rangeSelect = h('select', { id: 'dashboard-range' });
  for (const r of ranges) {
    const option = h('option', { value: String(r.hours) }, r.label);
    option.selected = r.hours === rangeHours;
    rangeSelect.append(option);
  }
  const refreshButton = h('button', { type: 'button', id: 'dashboard-refresh' }, 'Refresh now');
  const panel = (id: string, title: string, body: HTMLElement): HTMLElement =>
    h('section', { class: 'panel', 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), body);
  root.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, 'SSH activity'), h('div', { class: 'query-actions' }, h('label', { for: 'dashboard-range' }, 'Range'), rangeSelect, refreshButton)),
    updated,
    h(
      'div',
      { class: 'panels' },
      panel('logins', 'Logins over time by host and user', panels.logins),
      panel('failures', 'Failed attempts by source address', panels.failures),
      panel('sources', 'Top source addresses', panels.sources),
      panel('alerts', 'Firing alerts', panels.alerts),
      panel('ports', 'New listening ports', panels.ports),
    ),
  );

  let running = false;
  async function refresh(): Promise<void> {
    if (running) return;
    running = true;
    const endMs = Date.now();
    const startMs = endMs - rangeHours * 3_600_000;
    const stepSec = stepFor(startMs, endMs, 96);
    const step = `${stepSec}s`;
    const span = { startSec: startMs / 1000, endSec: endMs / 1000 };
    try {
      await Promise.all([
        graphPanel(
          panels.logins,
          [
            { query: sshPanels.sshLogins.replace('$step', step), source: 'sshd "Accepted" lines ({job="auth"})' },
            { query: sshPanels.logins.replace('$step', step), source: 'osquery\'s last table (new USER_PROCESS rows)' },
          ],
          startMs,
          endMs,
          stepSec,
          { label: 'Logins per host and user', ...span },
        ),
        graphPanel(panels.failures, [{ query: sshPanels.failures.replace('$step', step), source: 'sshd "Failed" lines ({job="auth"})' }], startMs, endMs, stepSec, {
          label: 'Failed attempts per source address',
          ...span,
        }),
        guard(panels.sources, async () => sourcesPanel(panels.sources, await queryInstant(sshPanels.topSources.replace('$range', `${rangeHours}h`), endMs))),
        guard(panels.ports, async () => portsPanel(panels.ports, await queryRange(sshPanels.newPorts, startMs, endMs, { limit: 50 }))),
        guard(panels.alerts, async () => {
          if (await hasRuler()) alertsPanel(panels.alerts, (await activeAlerts()).filter((a) => a.state === 'firing'));
          else panels.alerts.replaceChildren(h('p', { class: 'empty' }, 'The ruler does not run on this server (`watchpost up` runs it).'));
        }),
      ]);
      updated.textContent = `Updated ${new Date().toLocaleTimeString()} · ${ranges.find((r) => r.hours === rangeHours)?.label.toLowerCase() ?? ''} · refreshes every 30 s`;
    } finally {
      running = false;
    }
  }
  rangeSelect.addEventListener('change', () => {
    rangeHours = Number(rangeSelect.value);
    const url = new URL(location.href);
    url.searchParams.set('hours', String(rangeHours));
    history.replaceState(null, '', url);
    void refresh();
  });
  refreshButton.addEventListener('click', () => void refresh());

  void refresh();
  // A hidden tab does not poll.
  const timer = setInterval(() => {
    if (!document.hidden) void refresh();
  }, refreshMs);
  return () => {
    clearInterval(timer);
    for (const chart of root.querySelectorAll<HTMLElement>('.graph')) destroyGraph(chart);
  };
}

async function guard(target: HTMLElement, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const chart = target.querySelector<HTMLElement>('.graph');
    if (chart) destroyGraph(chart);
    target.replaceChildren(h('p', { class: 'error' }, (err as Error).message));
  }
}

/**
 * Draws the first of `sources` that has data (stacked bars) and names it under
 * the chart: the logins panel reads sshd's lines, else osquery's `last` rows.
 */
async function graphPanel(
  target: HTMLElement,
  sources: ReadonlyArray<{ query: string; source: string }>,
  startMs: number,
  endMs: number,
  stepSec: number,
  options: { label: string; startSec: number; endSec: number },
): Promise<void> {
  await guard(target, async () => {
    for (const { query, source } of sources) {
      const data = await queryRange(query, startMs, endMs, { stepSec });
      if (data.resultType !== 'matrix' || data.result.length === 0) continue;
      const series = data.result.map((s) => ({ label: Object.values(s.metric).join(' / ') || options.label, points: s.values.map(([ts, v]) => [ts, Number(v)] as const) }));
      const chart = h('div', { class: 'graph' });
      destroyGraph(target.querySelector<HTMLElement>('.graph') ?? target);
      target.replaceChildren(chart, h('p', { class: 'status source' }, `From ${source}.`));
      drawGraph(chart, series, { ...options, bars: true });
      return;
    }
    destroyGraph(target.querySelector<HTMLElement>('.graph') ?? target);
    target.replaceChildren(h('p', { class: 'empty' }, 'No data in this range.'));
  });
}

function table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | Node>>, numeric: ReadonlySet<number> = new Set()): HTMLElement {
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...headers.map((c, i) => h('th', { scope: 'col', class: numeric.has(i) ? 'num' : '' }, c)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((c, i) => h('td', { class: numeric.has(i) ? 'num' : '' }, c))))),
  );
}

function sourcesPanel(target: HTMLElement, data: QueryData): void {
  if (data.resultType !== 'vector' || data.result.length === 0) {
    target.replaceChildren(h('p', { class: 'empty' }, 'No SSH authentications in this range.'));
    return;
  }
  const rows = [...data.result]
    .sort((a, b) => Number(b.value[1]) - Number(a.value[1]))
    .map((s) => {
      const ip = s.metric.src_ip ?? '';
      const link = h('a', { href: `/explore?${new URLSearchParams({ query: `{job="auth"} |= ${JSON.stringify(` from ${ip} port `)}`, from: 'now-24h', to: 'now' }).toString()}` }, ip);
      return [link, s.value[1]];
    });
  target.replaceChildren(table(['Source address', 'Accepted and failed'], rows, new Set([1])));
}

const protocols: Record<string, string> = { '6': 'TCP', '17': 'UDP', '132': 'SCTP' };

/** One row per new listening socket, from the osquery `listening_ports` results lines. */
function portsPanel(target: HTMLElement, data: QueryData): void {
  const rows: Array<{ tsNs: bigint; cells: string[] }> = [];
  if (data.resultType === 'streams') {
    for (const stream of data.result as LokiStream[]) {
      for (const [ts, line] of stream.values) {
        const parsed = parseOsqueryLine(line);
        const time = new Date(Number(BigInt(ts) / 1_000_000n)).toLocaleString();
        for (const { action, columns: c } of parsed?.rows ?? []) {
          if (action !== 'added') continue;
          rows.push({ tsNs: BigInt(ts), cells: [time, parsed?.hostIdentifier || (stream.stream.host ?? ''), c.port ?? '', protocols[c.protocol ?? ''] ?? c.protocol ?? '', c.address ?? '', c.pid ?? ''] });
        }
      }
    }
  }
  if (rows.length === 0) {
    target.replaceChildren(h('p', { class: 'empty' }, 'No new listening ports in this range.'));
    return;
  }
  rows.sort((a, b) => (a.tsNs > b.tsNs ? -1 : a.tsNs < b.tsNs ? 1 : 0));
  target.replaceChildren(table(['Seen', 'Host', 'Port', 'Protocol', 'Address', 'PID'], rows.map((r) => r.cells), new Set([2, 5])));
}

function alertsPanel(target: HTMLElement, alerts: readonly AlertView[]): void {
  if (alerts.length === 0) {
    target.replaceChildren(h('p', { class: 'empty' }, 'Nothing is firing.'));
    return;
  }
  const rows = alerts.map((a) => [
    h('a', { href: '/alerts' }, a.labels.alertname ?? ''),
    h('span', { class: `badge severity-${a.labels.severity ?? 'none'}` }, a.labels.severity ?? ''),
    a.annotations.summary ?? '',
    h('time', { datetime: a.activeAt }, new Date(a.activeAt).toLocaleString()),
  ]);
  target.replaceChildren(table(['Alert', 'Severity', 'Summary', 'Active since'], rows));
}
