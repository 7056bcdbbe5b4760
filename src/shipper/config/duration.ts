const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w|y)/y;

/**
 * Parses a duration as Go's time.ParseDuration does (`1h30m`, `1.5s`, `500ms`,
 * `0`), also accepting Prometheus's `d`, `w` and `y` units; undefined when the
 * text is not a duration. Negative durations are refused (no config takes one).
 */
export function parseDurationMs(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  if (s === '') return undefined;
  let i = s.startsWith('+') ? 1 : 0;
  let total = 0;
  while (i < s.length) {
    part.lastIndex = i;
    const m = part.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * (unitMs[m[2] as string] as number);
    i = part.lastIndex;
  }
  return total;
}

/** Go's Duration.String() for whole milliseconds: `1m30s`, `500ms`, `0s`. */
export function formatDurationMs(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  let rest = ms / 1000;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  rest -= m * 60;
  const s = Number(rest.toFixed(3)).toString();
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}
