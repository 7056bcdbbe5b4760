/**
 * Go's time formatting as Loki's messages print it (UTC), through core's
 * Go layouts, and dskit's byte sizes.
 */
import { compileGoLayout, formatGoTime, goNamedLayouts } from '../../core/go/index.js';

const rfc3339 = compileGoLayout(goNamedLayouts.RFC3339);
/** The layout of Go's `Time.String()`. */
const timeString = compileGoLayout('2006-01-02 15:04:05.999999999 -0700 MST');

/** `time.RFC3339` (second precision): `2024-01-01T00:00:00Z`. */
export function formatRfc3339(tsNs: bigint): string {
  return formatGoTime(rfc3339, tsNs);
}

/** Go's `Time.String()` in UTC: `2024-01-01 00:00:00.5 +0000 UTC` (fraction trimmed, omitted when zero). */
export function formatGoTimeString(tsNs: bigint): string {
  return formatGoTime(timeString, tsNs);
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
