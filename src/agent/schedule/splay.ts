/**
 * osquery's splay: a query's interval becomes a value chosen once, uniformly
 * in [i − ⌊i·p/100⌋, i + ⌊i·p/100⌋] (never below 1), so hosts sharing a
 * config do not all query at the same second. A percent outside 1..100
 * leaves the interval as it is.
 */
export function splayIntervalS(intervalS: number, percent: number, random: () => number = Math.random): number {
  if (percent <= 0 || percent > 100) return intervalS;
  const diff = Math.floor(intervalS * (percent / 100));
  const max = intervalS + diff;
  const min = Math.max(1, intervalS - diff);
  if (max === min) return max;
  return min + Math.floor(random() * (max - min + 1));
}

/** `--schedule_splay_percent` as osquery applies it: values ≤ 1 are forced to 10. */
export function effectiveSplayPercent(flag: number): number {
  return flag <= 1 ? 10 : flag;
}
