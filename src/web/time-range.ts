/** A relative or absolute time range as the URL carries it (`from=now-1h&to=now`, or ms numbers). */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

export const presets: ReadonlyArray<{ label: string; from: string }> = [
  { label: 'Last 5 minutes', from: 'now-5m' },
  { label: 'Last 15 minutes', from: 'now-15m' },
  { label: 'Last 1 hour', from: 'now-1h' },
  { label: 'Last 6 hours', from: 'now-6h' },
  { label: 'Last 24 hours', from: 'now-24h' },
  { label: 'Last 7 days', from: 'now-7d' },
];

const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Resolves `now`, `now-<n><unit>`, an epoch-ms number or an ISO date to epoch ms. */
export function resolveTime(text: string, nowMs: number): number {
  if (text === 'now') return nowMs;
  const relative = /^now-(\d+)([smhdw])$/.exec(text);
  if (relative) return nowMs - Number(relative[1]) * (units[relative[2] ?? 's'] ?? 1000);
  if (/^\d+$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) throw new Error(`invalid time "${text}"`);
  return parsed;
}

/** A step giving about `points` points over the range, rounded to a whole second. */
export function stepFor(startMs: number, endMs: number, points = 120): number {
  return Math.max(1, Math.ceil((endMs - startMs) / points / 1000));
}
