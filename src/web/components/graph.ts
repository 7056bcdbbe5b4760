import uPlot from 'uplot';

export interface GraphSeries {
  readonly label: string;
  /** [epoch seconds, value] pairs. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

const palette = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#9333ea', '#ea580c'];

/**
 * Draws series on a shared time axis with uPlot (lines, or bars for a volume
 * histogram). Missing points stay gaps. Returns the chart so callers can destroy it.
 */
export function drawGraph(parent: HTMLElement, series: readonly GraphSeries[], options: { title: string; bars?: boolean; height?: number }): uPlot {
  const times = [...new Set(series.flatMap((s) => s.points.map(([ts]) => ts)))].sort((a, b) => a - b);
  const index = new Map(times.map((ts, i) => [ts, i]));
  const data: (number | null)[][] = [times];
  for (const s of series) {
    const column: (number | null)[] = new Array(times.length).fill(null);
    for (const [ts, value] of s.points) column[index.get(ts) ?? 0] = value;
    data.push(column);
  }
  parent.replaceChildren();
  const width = Math.max(320, parent.clientWidth || 800);
  return new uPlot(
    {
      title: options.title,
      width,
      height: options.height ?? 220,
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: palette[i % palette.length],
          fill: options.bars ? `${palette[i % palette.length]}66` : undefined,
          width: 1.5,
          paths: options.bars ? uPlot.paths.bars?.({ size: [0.8, 50] }) : undefined,
          points: { show: false },
        })),
      ],
      axes: [{}, { size: 60 }],
      legend: { show: series.length <= 12 },
    },
    data as uPlot.AlignedData,
    parent,
  );
}
