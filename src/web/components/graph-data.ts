// The data side of the graphs (no DOM, no uPlot): aligning series on one time
// axis, stacking, and the x range.
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

/**
 * The x range: the queried range widened to every point (Loki aligns a range
 * query's end up to a whole step, so the last point may lie past `endSec`),
 * plus half a step each side for bars so the edge bars are not cut in half.
 */
export function spanOf(times: readonly number[], options: Pick<GraphOptions, 'startSec' | 'endSec' | 'bars'>): [number, number] | undefined {
  const first = times[0];
  const last = times[times.length - 1];
  if (options.startSec === undefined || options.endSec === undefined) return undefined;
  let lo = Math.min(options.startSec, first ?? options.startSec);
  let hi = Math.max(options.endSec, last ?? options.endSec);
  if (options.bars && times.length > 1) {
    let step = Infinity;
    for (let i = 1; i < times.length; i++) step = Math.min(step, (times[i] ?? 0) - (times[i - 1] ?? 0));
    lo -= step / 2;
    hi += step / 2;
  }
  return [lo, hi];
}
