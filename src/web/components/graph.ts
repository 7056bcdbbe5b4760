import uPlot from 'uplot';

export interface GraphSeries {
  readonly label: string;
  /** [epoch seconds, value] pairs. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface GraphOptions {
  /** Drawn above the plot; omit when a heading already names the panel. */
  readonly title?: string;
  /** What a screen reader hears for the chart (the canvas itself says nothing). */
  readonly label: string;
  /** Bars (stacked when there are several series) instead of lines; the y axis starts at 0. */
  readonly bars?: boolean;
  readonly height?: number;
  /** The queried range in epoch seconds, so the x axis spans it even where there is no data. */
  readonly startSec?: number;
  readonly endSec?: number;
}

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

/** Aligns series on one sorted time axis; missing points are null (gaps). */
export function alignSeries(series: readonly GraphSeries[]): { times: number[]; columns: (number | null)[][] } {
  const times = [...new Set(series.flatMap((s) => s.points.map(([ts]) => ts)))].sort((a, b) => a - b);
  const index = new Map(times.map((ts, i) => [ts, i]));
  const columns = series.map((s) => {
    const column: (number | null)[] = new Array<number | null>(times.length).fill(null);
    for (const [ts, value] of s.points) {
      const i = index.get(ts);
      if (i !== undefined) column[i] = value;
    }
    return column;
  });
  return { times, columns };
}

/** Running totals of the columns (series i is drawn up to the sum of series 0..i). */
export function stackColumns(columns: readonly (number | null)[][]): (number | null)[][] {
  const totals: number[] = [];
  return columns.map((column) =>
    column.map((value, i) => {
      if (value === null) return null;
      totals[i] = (totals[i] ?? 0) + value;
      return totals[i] ?? value;
    }),
  );
}

function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
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
  const hasRange = options.startSec !== undefined && options.endSec !== undefined;
  const chart = new uPlot(
    {
      ...(options.title === undefined ? {} : { title: options.title }),
      width: Math.max(320, parent.clientWidth || 800),
      height,
      scales: {
        x: hasRange ? { time: true, range: [options.startSec ?? 0, options.endSec ?? 0] } : { time: true },
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
  const observer = new ResizeObserver(() => {
    const width = Math.max(320, parent.clientWidth);
    if (Math.abs(width - chart.width) > 4) chart.setSize({ width, height });
  });
  observer.observe(parent);
  charts.set(parent, { chart, observer });
  return chart;
}
