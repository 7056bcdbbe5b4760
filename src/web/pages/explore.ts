import { ApiError, labelNames, labelValues, queryRange, type LokiStream, type QueryData } from '../api.js';
import { destroyGraph, drawGraph } from '../components/graph.js';
import { createLogqlEditor } from '../components/logql-editor.js';
import { prependLogs, renderLogs, type AddFilter } from '../components/logs-view.js';
import { createTimePicker } from '../components/time-picker.js';
import { h } from '../dom.js';
import { addFilterToQuery, formatSeriesLabels, isLogQuery, queryFromUrl } from '../query-text.js';
import { resolveTime, stepFor } from '../time-range.js';

/** Lines asked for per query (Loki's default `limit`). */
const lineLimit = 1000;

/** Explore: LogQL editor, time range, volume histogram, logs or graph, live tail. */
export function renderExplore(root: HTMLElement, params: URLSearchParams): () => void {
  let range = { from: params.get('from') ?? 'now-1h', to: params.get('to') ?? 'now' };
  const editorHost = h('div', { class: 'editor', id: 'query-editor' });
  const errorBox = h('div', { class: 'error', role: 'alert', id: 'query-error' });
  const runButton = h('button', { type: 'button', class: 'primary', id: 'run-query' }, 'Run query');
  const tailButton = h('button', { type: 'button', id: 'live-tail', 'aria-pressed': 'false' }, 'Live tail');
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'query-status' });
  const volume = h('section', { class: 'volume', id: 'volume', 'aria-label': 'Log volume' });
  const results = h('section', { class: 'results', id: 'results', 'aria-label': 'Query results' });
  const prettyBox = h('input', { type: 'checkbox', id: 'pretty-json' });
  prettyBox.checked = localStorage.getItem('watchpost.prettyJson') === 'true';
  const prettyToggle = h('p', { class: 'logs-options' }, prettyBox, h('label', { for: 'pretty-json' }, ' Pretty-print JSON lines'));
  const expandJson = (open: boolean): void => {
    for (const details of results.querySelectorAll<HTMLDetailsElement>('details.json')) details.open = open;
  };
  prettyBox.addEventListener('change', () => {
    localStorage.setItem('watchpost.prettyJson', String(prettyBox.checked));
    expandJson(prettyBox.checked);
  });
  const picker = createTimePicker(range, (next) => {
    range = next;
    cache.clear();
    void run();
  });
  root.replaceChildren(
    h('h1', {}, 'Explore'),
    h(
      'div',
      { class: 'query-bar' },
      h('span', { class: 'field-label', id: 'query-label' }, 'LogQL query'),
      editorHost,
      h('p', { class: 'hint', id: 'query-hint' }, 'Shift+Enter or Ctrl+Enter runs the query; Ctrl+Space completes label names and values.'),
      errorBox,
      h('div', { class: 'query-actions' }, picker.element, runButton, tailButton),
    ),
    status,
    volume,
    results,
  );

  const window = (): { startMs: number; endMs: number } => {
    const now = Date.now();
    return { startMs: resolveTime(range.from, now), endMs: resolveTime(range.to, now) };
  };
  // Completions ask on every keystroke; the answers are kept for 30 s (a failed request is not kept).
  const cache = new Map<string, { atMs: number; value: Promise<string[]> }>();
  const cached = (key: string, fetchList: () => Promise<string[]>): Promise<string[]> => {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.atMs < 30_000) return hit.value;
    const value = fetchList().catch(() => {
      cache.delete(key);
      return [];
    });
    cache.set(key, { atMs: Date.now(), value });
    return value;
  };
  const labels = {
    names: () => cached('', () => labelNames(window().startMs, window().endMs)),
    values: (name: string) => cached(`=${name}`, () => labelValues(name, window().startMs, window().endMs)),
  };
  // The URL's query is sent before the editor is built, so the answer is on its way while CodeMirror starts.
  const initialQuery = queryFromUrl(params);
  let prefetched: { query: string; startMs: number; endMs: number; data: Promise<QueryData> } | undefined;
  if (initialQuery.trim() !== '') {
    try {
      const { startMs, endMs } = window();
      const data = queryRange(initialQuery, startMs, endMs, { limit: lineLimit, stepSec: stepFor(startMs, endMs) });
      data.catch(() => undefined); // handled where it is awaited
      prefetched = { query: initialQuery, startMs, endMs, data };
    } catch {
      // an invalid range: run() reports it
    }
  }
  const editor = createLogqlEditor(editorHost, {
    initial: initialQuery,
    labels,
    onRun: () => void run(),
    labelledBy: 'query-label',
    describedBy: 'query-hint query-error',
  });
  const addFilter: AddFilter = (filter) => {
    editor.setValue(addFilterToQuery(editor.value(), filter));
    void run();
  };

  let tail: WebSocket | undefined;
  let generation = 0;
  const stopTail = (): void => {
    const open = tail;
    tail = undefined;
    open?.close();
    tailButton.setAttribute('aria-pressed', 'false');
  };
  const showError = (message: string): void => {
    errorBox.textContent = message;
    editor.setInvalid(message !== '');
  };

  async function run(): Promise<void> {
    stopTail();
    const current = ++generation;
    // Sent as typed, so Loki's line/column positions match the editor.
    const query = editor.value();
    const url = new URL(location.href);
    url.searchParams.set('query', query);
    url.searchParams.set('from', range.from);
    url.searchParams.set('to', range.to);
    url.searchParams.delete('left');
    history.replaceState(null, '', url);
    showError('');
    if (query.trim() === '') {
      status.textContent = 'Type a LogQL query, e.g. {job="auth"} |= "Failed"';
      return;
    }
    let startMs: number;
    let endMs: number;
    const early = prefetched?.query === query ? prefetched : undefined;
    prefetched = undefined;
    try {
      ({ startMs, endMs } = early ?? window());
    } catch (err) {
      showError((err as Error).message);
      return;
    }
    const stepSec = stepFor(startMs, endMs);
    status.textContent = 'Running…';
    results.setAttribute('aria-busy', 'true');
    const started = performance.now();
    try {
      const data = await (early?.data ?? queryRange(query, startMs, endMs, { limit: lineLimit, stepSec }));
      if (current !== generation) return;
      showResult(data, startMs, endMs);
      status.textContent = `${describe(data)} in ${Math.round(performance.now() - started)} ms`;
      if (data.resultType === 'streams') void drawVolume(query, startMs, endMs, stepSec, current);
      else clearVolume();
    } catch (err) {
      if (current !== generation) return;
      status.textContent = 'The query failed.';
      showError(err instanceof ApiError ? err.message : String(err));
      destroyGraph(results);
      results.replaceChildren();
      clearVolume();
    } finally {
      if (current === generation) results.removeAttribute('aria-busy');
    }
  }

  function clearVolume(): void {
    const chart = volume.querySelector<HTMLElement>('.graph');
    if (chart) destroyGraph(chart);
    volume.replaceChildren();
  }

  function showResult(data: QueryData, startMs: number, endMs: number): void {
    const old = results.querySelector<HTMLElement>('.graph');
    if (old) destroyGraph(old);
    if (data.resultType === 'streams') {
      const count = renderLogs(results, data.result, addFilter);
      if (count > 0) {
        results.prepend(prettyToggle);
        if (prettyBox.checked) expandJson(true);
      }
    } else if (data.resultType === 'matrix') {
      if (data.result.length === 0) {
        results.replaceChildren(h('p', { class: 'empty' }, 'No data in this range.'));
        return;
      }
      const chart = h('div', { class: 'graph', id: 'metric-graph' });
      results.replaceChildren(chart);
      drawGraph(
        chart,
        data.result.map((s) => ({ label: formatSeriesLabels(s.metric), points: s.values.map(([ts, v]) => [ts, Number(v)] as const) })),
        { label: 'Query result', startSec: startMs / 1000, endSec: endMs / 1000, height: 320 },
      );
    } else {
      results.replaceChildren(h('pre', {}, JSON.stringify(data.result, null, 2)));
    }
  }

  async function drawVolume(query: string, startMs: number, endMs: number, stepSec: number, current: number): Promise<void> {
    try {
      const data = await queryRange(`sum(count_over_time(${query} [${stepSec}s]))`, startMs, endMs, { stepSec });
      if (current !== generation || data.resultType !== 'matrix') return;
      const chart = h('div', { class: 'graph', id: 'volume-graph' });
      volume.replaceChildren(h('h2', { class: 'visually-hidden' }, 'Log volume'), chart);
      const points = (data.result[0]?.values ?? []).map(([ts, v]) => [ts, Number(v)] as const);
      drawGraph(chart, [{ label: 'lines', points }], { label: 'Log volume', bars: true, height: 110, startSec: startMs / 1000, endSec: endMs / 1000 });
    } catch {
      if (current === generation) clearVolume();
    }
  }

  function startTail(): void {
    generation++;
    const query = editor.value();
    if (!isLogQuery(query)) {
      showError('Live tail needs a log query, e.g. {job="auth"}');
      return;
    }
    showError('');
    const list = h('ol', { class: 'logs', 'aria-label': 'Live log lines', id: 'tail-lines' });
    const old = results.querySelector<HTMLElement>('.graph');
    if (old) destroyGraph(old);
    results.replaceChildren(list);
    clearVolume();
    const wsUrl = new URL('/loki/api/v1/tail', location.href);
    wsUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    wsUrl.searchParams.set('query', query);
    wsUrl.searchParams.set('start', `${Date.now()}000000`);
    const socket = new WebSocket(wsUrl);
    tail = socket;
    tailButton.setAttribute('aria-pressed', 'true');
    status.textContent = 'Live: connecting…';
    socket.addEventListener('open', () => {
      if (tail === socket) status.textContent = 'Live: waiting for new lines…';
    });
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { streams?: LokiStream[] };
      for (const stream of message.streams ?? []) prependLogs(list, stream, addFilter);
      status.textContent = `Live: ${list.childElementCount} lines`;
    });
    socket.addEventListener('close', (event) => {
      if (tail !== socket) return;
      // Loki closes a tail whose query does not parse with 1011 and the error as the reason.
      if (event.code === 1011 && event.reason !== '') showError(event.reason);
      status.textContent = 'Live tail stopped.';
      stopTail();
    });
  }

  tailButton.addEventListener('click', () => (tail ? stopTail() : startTail()));
  runButton.addEventListener('click', () => void run());
  if (editor.value() !== '') void run();
  else status.textContent = 'Type a LogQL query, e.g. {job="auth"} |= "Failed"';
  editor.view.focus();
  return () => {
    generation++;
    stopTail();
    for (const chart of root.querySelectorAll<HTMLElement>('.graph')) destroyGraph(chart);
  };
}

function describe(data: QueryData): string {
  switch (data.resultType) {
    case 'streams': {
      const lines = data.result.reduce((n, s) => n + s.values.length, 0);
      return lines >= lineLimit ? `${lines} lines (the newest; the limit is ${lineLimit})` : `${lines} line${lines === 1 ? '' : 's'}`;
    }
    case 'matrix':
      return `${data.result.length} series`;
    case 'vector':
      return `${data.result.length} samples`;
    default:
      return 'scalar';
  }
}
