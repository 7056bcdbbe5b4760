import { alertHistory, hasRuler, rules, type AlertView } from '../api.js';
import { h } from '../dom.js';

function labelList(labels: Record<string, string>): HTMLElement {
  return h('span', { class: 'labels' }, ...Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => h('span', { class: 'chip static' }, `${k}=${v}`)));
}

/** Alerts: every rule with state, health, last evaluation and error; active alerts; firing/resolved history. */
export function renderAlerts(root: HTMLElement): () => void {
  const rulesBox = h('div', { id: 'rules' });
  const activeBox = h('div', { id: 'active-alerts' });
  const historyBox = h('div', { id: 'alert-history' });
  const errorBox = h('p', { class: 'error', role: 'alert' });
  const status = h('p', { class: 'status', role: 'status', id: 'alerts-updated' }, 'Loading…');
  root.replaceChildren(
    h('h1', {}, 'Alerts'),
    status,
    errorBox,
    h('section', { 'aria-label': 'Active alerts' }, h('h2', {}, 'Active alerts'), activeBox),
    h('section', { 'aria-label': 'Rules' }, h('h2', {}, 'Rules'), rulesBox),
    h('section', { 'aria-label': 'History' }, h('h2', {}, 'History'), historyBox),
  );

  async function refresh(): Promise<void> {
    try {
      if (!(await hasRuler())) {
        status.textContent = 'The ruler does not run on this server: `watchpost up` runs it with the built-in detections.';
        for (const box of [activeBox, rulesBox, historyBox]) box.replaceChildren(h('p', { class: 'empty' }, 'No ruler.'));
        return;
      }
      const groups = await rules();
      const active: AlertView[] = [];
      const rows: HTMLElement[] = [];
      for (const group of groups) {
        for (const rule of group.rules) {
          for (const alert of rule.alerts ?? []) active.push(alert);
          const state = rule.type === 'alerting' ? (rule.state ?? 'inactive') : 'recording';
          rows.push(
            h(
              'tr',
              { class: `state-${state}` },
              h('td', {}, h('a', { href: `/explore?${new URLSearchParams({ query: rule.query, from: 'now-1h', to: 'now' }).toString()}`, title: 'Open the rule\'s query in Explore' }, rule.name)),
              h('td', {}, `${group.file} / ${group.name}`),
              h('td', {}, h('span', { class: `badge ${state}` }, state)),
              h('td', {}, rule.health),
              h('td', {}, rule.lastEvaluation.startsWith('0001') ? 'never' : new Date(rule.lastEvaluation).toLocaleString()),
              h('td', { class: 'error-cell' }, rule.lastError),
            ),
          );
        }
      }
      rulesBox.replaceChildren(
        rows.length === 0
          ? h('p', { class: 'empty' }, 'No rules loaded.')
          : h(
              'table',
              {},
              h('thead', {}, h('tr', {}, ...['Rule', 'File / group', 'State', 'Health', 'Last evaluation', 'Error'].map((c) => h('th', { scope: 'col' }, c)))),
              h('tbody', {}, ...rows),
            ),
      );
      activeBox.replaceChildren(
        active.length === 0
          ? h('p', { class: 'empty' }, 'No pending or firing alerts.')
          : h(
              'ul',
              { class: 'alerts' },
              ...active.map((a) =>
                h(
                  'li',
                  { class: `alert ${a.state}` },
                  h('strong', {}, a.labels.alertname ?? ''),
                  ' ',
                  h('span', { class: `badge ${a.state}` }, a.state),
                  ' since ',
                  h('time', { datetime: a.activeAt }, new Date(a.activeAt).toLocaleString()),
                  h('p', {}, a.annotations.summary ?? ''),
                  ...(a.annotations.description ? [h('p', { class: 'status' }, a.annotations.description)] : []),
                  labelList(a.labels),
                ),
              ),
            ),
      );
      const history = await alertHistory();
      historyBox.replaceChildren(
        history.length === 0
          ? h('p', { class: 'empty' }, 'No alert has fired or resolved since the server started.')
          : h(
              'table',
              {},
              h('thead', {}, h('tr', {}, ...['Time', 'Alert', 'Change', 'Labels'].map((c) => h('th', { scope: 'col' }, c)))),
              h('tbody', {}, ...history.map((e) => h('tr', {}, h('td', {}, new Date(e.tsMs).toLocaleString()), h('td', {}, e.alertname), h('td', {}, h('span', { class: `badge ${e.state}` }, e.state)), h('td', {}, labelList(e.labels))))),
            ),
      );
      errorBox.textContent = '';
      const firing = active.filter((a) => a.state === 'firing').length;
      status.textContent = `${rows.length} rules · ${firing} firing · updated ${new Date().toLocaleTimeString()} · refreshes every 10 s`;
    } catch (err) {
      errorBox.textContent = (err as Error).message;
    }
  }
  void refresh();
  // A hidden tab does not poll.
  const timer = setInterval(() => {
    if (!document.hidden) void refresh();
  }, 10_000);
  return () => clearInterval(timer);
}
