import uPlot from 'uplot';
import { alignSeries, spanOf, stackColumns, type GraphOptions, type GraphSeries } from './graph-data.js';

export type { GraphOptions, GraphSeries } from './graph-data.js';

/** Colours with ≥ 3:1 contrast on white (WCAG non-text contrast). */
const palette = ['#2563eb', '#dc2626', '#047857', '#b45309', '#7c3aed', '#be185d', '#0e7490', '#4d7c0f', '#9333ea', '#c2410c'];

const charts = new WeakMap<HTMLElement, { chart: uPlot; observer: ResizeObserver }>();

/** Destroys the chart drawn in `parent`, if any (its listeners and observer go with it). */
export function destroyGraph(parent: HTMLElement): void {
  const previous = charts.get(parent);
  if (!previous) return;
  previous.observer.disconnect();
  previous.chart.destroy();
  charts.delete(parent);
}




function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

/**
 * uPlot's legend entries show or hide a series on click; this makes them
 * buttons for the keyboard too (Tab, then Enter or Space), with their state
 * in aria-pressed.
 */
function makeLegendKeyboardFriendly(chart: uPlot): void {
  const rows = chart.root.querySelectorAll<HTMLTableRowElement>('.u-legend .u-series');
  rows.forEach((row, i) => {
    const label = row.querySelector<HTMLElement>('th');
    if (i === 0 || !label) return;
    const sync = (): void => label.setAttribute('aria-pressed', String(!row.classList.contains('u-off')));
    label.setAttribute('tabindex', '0');
    label.setAttribute('role', 'button');
    label.setAttribute('title', 'Show or hide this series');
    sync();
    label.addEventListener('click', () => queueMicrotask(sync));
    label.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      label.click();
    });
  });
}

/**
 * Draws series on a shared time axis with uPlot: lines, or bars stacked in
 * series order (a volume histogram, counts per step). Missing points stay
 * gaps. The chart follows its parent's width and replaces any chart drawn
 * there before.
 */
export function drawGraph(parent: HTMLElement, series: readonly GraphSeries[], options: GraphOptions): uPlot {
  destroyGraph(parent);
  const { times, columns } = alignSeries(series);
  const stacked = options.bars === true && series.length > 1;
  const plotted = stacked ? stackColumns(columns) : columns;
  // uPlot paints series in order: with stacking, the tallest (last) first so each lower one stays visible.
  const order = series.map((_, i) => i);
  if (stacked) order.reverse();
  const height = options.height ?? 220;
  parent.replaceChildren();
  parent.setAttribute('role', 'figure');
  parent.setAttribute('aria-label', `${options.label}: ${series.length} series${series.length > 0 && series.length <= 6 ? ` (${series.map((s) => s.label).join(', ')})` : ''}`);
  const xRange = spanOf(times, options);
  const chart = new uPlot(
    {
      ...(options.title === undefined ? {} : { title: options.title }),
      width: Math.max(320, parent.clientWidth || 800),
      height,
      scales: {
        x: xRange ? { time: true, range: xRange } : { time: true },
        y: options.bars ? { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } : {},
      },
      series: [
        {},
        ...order.map((i) => {
          const colour = palette[i % palette.length] ?? '#2563eb';
          const raw = columns[i] ?? [];
          return {
            label: series[i]?.label ?? '',
            stroke: colour,
            fill: options.bars ? `${colour}99` : undefined,
            width: options.bars ? 1 : 1.5,
            spanGaps: false,
            paths: options.bars ? uPlot.paths.bars?.({ size: [0.8, 40] }) : undefined,
            points: options.bars ? { show: false } : { show: times.length <= 40 },
            value: (_u: uPlot, _v: number | null, _s: number, idx: number | null) => formatValue(idx === null ? null : raw[idx]),
          };
        }),
      ],
      axes: [{ stroke: '#374151' }, { size: 56, stroke: '#374151' }],
      legend: { show: series.length <= 20 },
      cursor: { drag: { x: false, y: false } },
    },
    [times, ...order.map((i) => plotted[i] ?? [])] as uPlot.AlignedData,
    parent,
  );
  makeLegendKeyboardFriendly(chart);
  const observer = new ResizeObserver(() => {
    const width = Math.max(320, parent.clientWidth);
    if (Math.abs(width - chart.width) > 4) chart.setSize({ width, height });
  });
  observer.observe(parent);
  charts.set(parent, { chart, observer });
  return chart;
}
