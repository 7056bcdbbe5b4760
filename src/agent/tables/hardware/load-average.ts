import type { QueryContext, Row, TableImpl } from '../table.js';
import { readProcFile } from '../lib/fs-read.js';

const periods = ['1m', '5m', '15m'] as const;

/**
 * load_average rows from /proc/loadavg text, the way osquery formats
 * getloadavg(3): C's %f, six decimals ("0.150000"). When the file cannot
 * be parsed osquery still returns three empty rows, and so does this.
 */
export function parseLoadAverage(text: string): Row[] {
  const fields = text.trim().split(/\s+/);
  const loads = fields.slice(0, 3).map(Number);
  if (loads.length < 3 || loads.some((n) => !Number.isFinite(n))) return periods.map(() => ({}));
  return periods.map((period, i) => ({ period, average: (loads[i] as number).toFixed(6) }));
}

export function* genLoadAverage(ctx: QueryContext): Iterable<Row> {
  yield* parseLoadAverage(readProcFile(ctx.hostPath('/proc/loadavg')) ?? '');
}

export const loadAverageTable: TableImpl = {
  name: 'load_average',
  generate: genLoadAverage,
  reads: ['/proc/loadavg'],
};
