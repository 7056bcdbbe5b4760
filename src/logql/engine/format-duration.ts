/**
 * Duration texts that appear in Loki's error messages: Go's
 * `time.Duration.String()` (`744h0m0s`, `1.5s`, `300ms`) and Prometheus's
 * `model.Duration.String()` (`30d1h`, `5m`, `1w`).
 */

const nsPerSecond = 1_000_000_000n;

/** Go's `time.Duration(ns).String()`. */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const negative = ns < 0n;
  let u = negative ? -ns : ns;
  let out: string;
  if (u < nsPerSecond) {
    if (u < 1000n) out = `${u}ns`;
    else if (u < 1_000_000n) out = `${formatFraction(u, 3)}µs`;
    else out = `${formatFraction(u, 6)}ms`;
  } else {
    const seconds = formatFraction(u, 9);
    const whole = u / nsPerSecond;
    const secText = `${whole % 60n}${seconds.slice(String(whole).length)}s`;
    u = whole / 60n;
    if (u === 0n) out = secText;
    else {
      const minText = `${u % 60n}m`;
      const hours = u / 60n;
      out = hours === 0n ? minText + secText : `${hours}h${minText}${secText}`;
    }
  }
  return negative ? `-${out}` : out;
}

/** `value / 10^precision` with trailing fractional zeros removed. */
function formatFraction(value: bigint, precision: number): string {
  const scale = 10n ** BigInt(precision);
  const whole = value / scale;
  const frac = (value % scale).toString().padStart(precision, '0').replace(/0+$/, '');
  return frac === '' ? `${whole}` : `${whole}.${frac}`;
}

const promUnits: readonly (readonly [string, number, boolean])[] = [
  ['y', 365 * 24 * 3600_000, true],
  ['w', 7 * 24 * 3600_000, true],
  ['d', 24 * 3600_000, false],
  ['h', 3600_000, false],
  ['m', 60_000, false],
  ['s', 1000, false],
  ['ms', 1, false],
];

/** Prometheus `model.Duration(ms).String()`. */
export function formatPromDuration(ms: number): string {
  let rest = Math.trunc(ms);
  if (rest === 0) return '0s';
  let out = '';
  for (const [unit, size, exact] of promUnits) {
    if (exact && rest % size !== 0) continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
