import { ApiError, labelNames, labelValues, queryRange, type LokiStream, type QueryData } from '../api.js';
import { drawGraph } from '../components/graph.js';
import { createLogqlEditor } from '../components/logql-editor.js';
import { prependLogs, renderLogs, type AddFilter } from '../components/logs-view.js';
import { createTimePicker } from '../components/time-picker.js';
import { h } from '../dom.js';
import { resolveTime, stepFor } from '../time-range.js';

/** Whether a query is a log query (a selector with a pipeline) rather than a metric query. */
export function isLogQuery(query: string): boolean {
  return query.trimStart().startsWith('{');
}

/** Adds a stream matcher or a JSON field filter to a query (logs view clicks). */
export function addFilterToQuery(query: string, filter: Parameters<AddFilter>[0]): string {
  const quoted = JSON.stringify(filter.value);
  if (filter.kind === 'label') {
    const close = query.indexOf('}');
    if (close < 0) return `{${filter.name}=${quoted}}`;
    const inside = query.slice(query.indexOf('{') + 1, close).trim();
    return `${query.slice(0, close)}${inside === '' ? '' : ', '}${filter.name}=${quoted}${query.slice(close)}`;
  }
  const hasJson = /\|\s*json\b/.test(query);
  return `${query.trimEnd()}${hasJson ? '' : ' | json'} | ${filter.name}=${quoted}`;
}

/** The query a Grafana-style `left={"queries":[{"expr":…}]}` link (the ruler's generatorURL) carries. */
function queryFromUrl(params: URLSearchParams): string {
  const direct = params.get('query');
  if (direct !== null) return direct;
  try {
    const left = JSON.parse(params.get('left') ?? '{}') as { queries?: Array<{ expr?: string }> };
    return left.queries?.[0]?.expr ?? '';
  } catch {
    return '';
  }
}

/** Explore: LogQL editor, time range, volume histogram, logs or graph, live tail. */
export function renderExplore(root: HTMLElement, params: URLSearchParams): () => void {
  let range = { from: params.get('from') ?? 'now-1h', to: params.get('to') ?? 'now' };
  const editorHost = h('div', { class: 'editor', id: 'query-editor' });
  const errorBox = h('div', { class: 'error', role: 'alert', 'aria-live': 'assertive', id: 'query-error' });
  const runButton = h('button', { type: 'button', class: 'primary', id: 'run-query' }, 'Run query');
  const tailButton = h('button', { type: 'button', id: 'live-tail', 'aria-pressed': 'false' }, 'Live tail');
  const status = h('p', { class: 'status', 'aria-live': 'polite', id: 'query-status' });
  const volume = h('div', { class: 'volume', id: 'volume', 'aria-label': 'Log volume' });
  const results = h('section', { class: 'results', id: 'results', 'aria-label': 'Query results' });
  const picker = createTimePicker(range, (next) => {
    range = next;
    void run();
  });
  const editorLabel = h('label', { for: 'query-editor', class: 'visually-hidden' }, 'LogQL query');
  root.replaceChildren(
    h('h1', {}, 'Explore'),
    h('div', { class: 'query-bar' }, editorLabel, editorHost, h('div', { class: 'query-actions' }, picker.element, runButton, tailButton)),
    errorBox,
    status,
    volume,
    results,
  );

  const window = (): { startMs: number; endMs: number } => {
    const now = Date.now();
    return { startMs: resolveTime(range.from, now), endMs: resolveTime(range.to, now) };
  };
  const labels = {
    names: () => labelNames(window().startMs, window().endMs),
    values: (name: string) => labelValues(name, window().startMs, window().endMs),
  };
  const editor = createLogqlEditor(editorHost, { initial: queryFromUrl(params), labels, onRun: () => void run(), label: 'LogQL query' });
  const addFilter: AddFilter = (filter) => {
    editor.setValue(addFilterToQuery(editor.value(), filter));
    void run();
  };

  let tail: WebSocket | undefined;
  const stopTail = (): void => {
    tail?.close();
    tail = undefined;
    tailButton.setAttribute('aria-pressed', 'false');
    tailButton.textContent = 'Live tail';
  };

  async function run(): Promise<void> {
    stopTail();
    const query = editor.value().trim();
    const url = new URL(location.href);
    url.searchParams.set('query', query);
    url.searchParams.set('from', range.from);
    url.searchParams.set('to', range.to);
    url.searchParams.delete('left');
    history.replaceState(null, '', url);
    errorBox.textContent = '';
    if (query === '') return;
    const { startMs, endMs } = window();
    const stepSec = stepFor(startMs, endMs);
    status.textContent = 'Running…';
    const started = performance.now();
    try {
      const data = await queryRange(query, startMs, endMs, { limit: 1000, stepSec });
      showResult(data);
      status.textContent = `${describe(data)} in ${Math.round(performance.now() - started)} ms`;
      if (data.resultType === 'streams') void drawVolume(query, startMs, endMs, stepSec);
      else volume.replaceChildren();
    } catch (err) {
      status.textContent = '';
      errorBox.textContent = err instanceof ApiError ? err.message : String(err);
      results.replaceChildren();
      volume.replaceChildren();
    }
  }

  function showResult(data: QueryData): void {
    if (data.resultType === 'streams') {
      renderLogs(results, data.result, addFilter);
    } else if (data.resultType === 'matrix') {
      const chart = h('div', { class: 'graph', id: 'metric-graph' });
      results.replaceChildren(chart);
      drawGraph(chart, data.result.map((s) => ({ label: seriesLabel(s.metric), points: s.values.map(([ts, v]) => [ts, Number(v)] as const) })), { title: 'Query result' });
    } else {
      results.replaceChildren(h('pre', {}, JSON.stringify(data.result, null, 2)));
    }
  }

  async function drawVolume(query: string, startMs: number, endMs: number, stepSec: number): Promise<void> {
    try {
      const data = await queryRange(`sum(count_over_time(${query} [${stepSec}s]))`, startMs, endMs, { stepSec });
      if (data.resultType !== 'matrix') return;
      const chart = h('div', { class: 'graph' });
      volume.replaceChildren(chart);
      drawGraph(chart, data.result.map(() => ({ label: 'lines', points: (data.result[0]?.values ?? []).map(([ts, v]) => [ts, Number(v)] as const) })), { title: 'Log volume', bars: true, height: 120 });
    } catch {
      volume.replaceChildren();
    }
  }

  tailButton.addEventListener('click', () => {
    if (tail) {
      stopTail();
      return;
    }
    const query = editor.value().trim();
    if (!isLogQuery(query)) {
      errorBox.textContent = 'Live tail needs a log query, e.g. {job="auth"}';
      return;
    }
    const list = h('ol', { class: 'logs', 'aria-label': 'Live log lines', id: 'tail-lines' });
    results.replaceChildren(list);
    volume.replaceChildren();
    const wsUrl = new URL('/loki/api/v1/tail', location.href);
    wsUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    wsUrl.searchParams.set('query', query);
    wsUrl.searchParams.set('start', `${Date.now()}000000`);
    tail = new WebSocket(wsUrl);
    tailButton.setAttribute('aria-pressed', 'true');
    tailButton.textContent = 'Stop tail';
    status.textContent = 'Live: waiting for new lines…';
    tail.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { streams?: LokiStream[] };
      for (const stream of message.streams ?? []) prependLogs(list, stream, addFilter);
      status.textContent = `Live: ${list.childElementCount} lines`;
    });
    tail.addEventListener('close', () => {
      if (tail) status.textContent = 'Live tail closed';
    });
  });
  runButton.addEventListener('click', () => void run());
  if (editor.value() !== '') void run();
  editor.view.focus();
  return stopTail;
}

function seriesLabel(metric: Record<string, string>): string {
  const pairs = Object.entries(metric).map(([k, v]) => `${k}="${v}"`);
  return pairs.length === 0 ? '{}' : `{${pairs.join(', ')}}`;
}

function describe(data: QueryData): string {
  switch (data.resultType) {
    case 'streams':
      return `${data.result.reduce((n, s) => n + s.values.length, 0)} lines`;
    case 'matrix':
      return `${data.result.length} series`;
    case 'vector':
      return `${data.result.length} samples`;
    default:
      return 'scalar';
  }
}

