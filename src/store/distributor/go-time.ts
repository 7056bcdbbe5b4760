/**
 * Go's time formatting as Loki's messages print it (UTC).
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function splitNs(tsNs: bigint): { date: Date; fracNs: bigint } {
  let ms = tsNs / 1_000_000n;
  let fracNs = tsNs % 1_000_000_000n;
  if (fracNs < 0n) {
    fracNs += 1_000_000_000n;
  }
  if (tsNs < 0n && tsNs % 1_000_000n !== 0n) ms -= 1n;
  return { date: new Date(Number(ms)), fracNs };
}

function datePart(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function clockPart(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `time.RFC3339` (second precision): `2024-01-01T00:00:00Z`. */
export function formatRfc3339(tsNs: bigint): string {
  const { date } = splitNs(tsNs);
  return `${datePart(date)}T${clockPart(date)}Z`;
}

/** Go's `Time.String()` in UTC: `2024-01-01 00:00:00.5 +0000 UTC` (fraction trimmed, omitted when zero). */
export function formatGoTimeString(tsNs: bigint): string {
  const { date, fracNs } = splitNs(tsNs);
  let frac = '';
  if (fracNs !== 0n) frac = `.${fracNs.toString().padStart(9, '0').replace(/0+$/, '')}`;
  return `${datePart(date)} ${clockPart(date)}${frac} +0000 UTC`;
}

/**
 * dskit's `flagext.ByteSize` text (alecthomas/units base-2 without the `i`):
 * `3MB`, `1KB`, `1KB476B`, `0B`.
 */
export function formatByteSize(bytes: number): string {
  if (bytes === 0) return '0B';
  const units: [string, number][] = [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
    ['B', 1],
  ];
  let rest = Math.floor(bytes);
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
