import { activeAlerts, queryInstant, queryRange, type AlertView, type QueryData } from '../api.js';
import { drawGraph } from '../components/graph.js';
import { renderLogs } from '../components/logs-view.js';
import { h } from '../dom.js';
import { stepFor } from '../time-range.js';

/** The built-in "SSH activity" dashboard's queries (the streams the built-in detections read). */
export const sshPanels = {
  logins: `sum by (host, user) (count_over_time({job="osquery_results", name=~"pack_.+_last"} | json action, type="columns.type", user="columns.username", host_id="hostIdentifier" | action="added" and type="7" | label_format host="{{.host_id}}" [$step]))`,
  failures: `sum by (src_ip) (count_over_time({job="auth"} |= "Failed " | regexp \`Failed (?P<method>[^ ]+) for (?:invalid user )?(?P<user>.*) from (?P<src_ip>[0-9A-Fa-f:.]+) port (?P<src_port>[0-9]+)\` [$step]))`,
  topSources: `topk(10, sum by (src_ip) (count_over_time({job="auth"} |~ "Accepted |Failed " | regexp \`(?:Accepted|Failed) (?P<method>[^ ]+) for (?:invalid user )?(?P<user>.*) from (?P<src_ip>[0-9A-Fa-f:.]+) port (?P<src_port>[0-9]+)\` [$range])))`,
  newPorts: `{job="osquery_results", name=~"pack_.+_listening_ports"} |= "\\"action\\":\\"added\\""`,
} as const;

const refreshMs = 30_000;

/** SSH activity: logins by host and user, failures by source, top sources, new ports, firing alerts; refreshes every 30 s. */
export function renderDashboard(root: HTMLElement, params: URLSearchParams): () => void {
  const rangeHours = Number(params.get('hours') ?? '24');
  const panels = {
    logins: h('div', { class: 'graph', id: 'panel-logins' }),
    failures: h('div', { class: 'graph', id: 'panel-failures' }),
    sources: h('div', { class: 'table', id: 'panel-sources' }),
    ports: h('div', { class: 'panel-logs', id: 'panel-ports' }),
    alerts: h('div', { class: 'table', id: 'panel-alerts' }),
  };
  const updated = h('p', { class: 'status', 'aria-live': 'polite', id: 'dashboard-updated' });
  const panel = (title: string, body: HTMLElement): HTMLElement => h('section', { class: 'panel', 'aria-label': title }, h('h2', {}, title), body);
  root.replaceChildren(
    h('h1', {}, 'SSH activity'),
    updated,
    h(
      'div',
      { class: 'panels' },
      panel('Logins over time by host and user', panels.logins),
      panel('Failed attempts by source address', panels.failures),
      panel('Top source addresses', panels.sources),
      panel('Firing alerts', panels.alerts),
      panel('New listening ports', panels.ports),
    ),
  );

  async function refresh(): Promise<void> {
    const endMs = Date.now();
    const startMs = endMs - rangeHours * 3_600_000;
    const stepSec = stepFor(startMs, endMs, 96);
    const step = `${stepSec}s`;
    await Promise.all([
      graphPanel(panels.logins, sshPanels.logins.replace('$step', step), startMs, endMs, stepSec, 'Logins'),
      graphPanel(panels.failures, sshPanels.failures.replace('$step', step), startMs, endMs, stepSec, 'Failures'),
      guard(panels.sources, async () => tablePanel(panels.sources, await queryInstant(sshPanels.topSources.replace('$range', `${rangeHours}h`), endMs), ['src_ip'], 'events')),
      guard(panels.ports, async () => {
        const data = await queryRange(sshPanels.newPorts, startMs, endMs, { limit: 50 });
        if (data.resultType === 'streams') renderLogs(panels.ports, data.result, () => undefined, { max: 50 });
      }),
      guard(panels.alerts, async () => alertsPanel(panels.alerts, (await activeAlerts()).filter((a) => a.state === 'firing'))),
    ]);
    updated.textContent = `Updated ${new Date().toLocaleTimeString()} · last ${rangeHours} h · refreshes every 30 s`;
  }

  void refresh();
  const timer = setInterval(() => void refresh(), refreshMs);
  return () => clearInterval(timer);
}

async function guard(target: HTMLElement, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    target.replaceChildren(h('p', { class: 'error', role: 'alert' }, (err as Error).message));
  }
}

async function graphPanel(target: HTMLElement, query: string, startMs: number, endMs: number, stepSec: number, title: string): Promise<void> {
  await guard(target, async () => {
    const data = await queryRange(query, startMs, endMs, { stepSec });
    if (data.resultType !== 'matrix' || data.result.length === 0) {
      target.replaceChildren(h('p', { class: 'empty' }, 'No data in this range.'));
      return;
    }
    drawGraph(
      target,
      data.result.map((s) => ({ label: Object.values(s.metric).join(' / ') || title, points: s.values.map(([ts, v]) => [ts, Number(v)] as const) })),
      { title, bars: true },
    );
  });
}

function tablePanel(target: HTMLElement, data: QueryData, columns: readonly string[], valueName: string): void {
  if (data.resultType !== 'vector' || data.result.length === 0) {
    target.replaceChildren(h('p', { class: 'empty' }, 'No data in this range.'));
    return;
  }
  const head = h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)), h('th', { scope: 'col' }, valueName));
  const rows = [...data.result]
    .sort((a, b) => Number(b.value[1]) - Number(a.value[1]))
    .map((s) => h('tr', {}, ...columns.map((c) => h('td', {}, s.metric[c] ?? '')), h('td', { class: 'num' }, s.value[1])));
  target.replaceChildren(h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows)));
}

function alertsPanel(target: HTMLElement, alerts: readonly AlertView[]): void {
  if (alerts.length === 0) {
    target.replaceChildren(h('p', { class: 'empty' }, 'Nothing is firing.'));
    return;
  }
  const rows = alerts.map((a) =>
    h('tr', {}, h('td', {}, a.labels.alertname ?? ''), h('td', {}, a.labels.severity ?? ''), h('td', {}, a.annotations.summary ?? ''), h('td', {}, a.activeAt)),
  );
  target.replaceChildren(
    h('table', {}, h('thead', {}, h('tr', {}, ...['Alert', 'Severity', 'Summary', 'Active since'].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...rows)),
  );
}
