/**
 * A cheap identity key for a label set (names sorted, unambiguous
 * separators), for per-stream state inside stages: fudge times, multiline
 * blocks, cri partials, metric series. Not the wire form (that is
 * core's formatLabels).
 */
export function labelsKey(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels);
  for (let i = 1; i < names.length; i++) {
    if ((names[i - 1] as string) > (names[i] as string)) {
      names.sort();
      break;
    }
  }
  let key = '';
  for (const name of names) key += `${name}\u0000${labels[name] as string}\u0001`;
  return key;
}
