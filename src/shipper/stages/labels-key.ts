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

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  let count = 0;
  for (const name in a) {
    if (a[name] !== b[name]) return false;
    count++;
  }
  for (const name in b) if (--count < 0 || !Object.hasOwn(a, name)) return false;
  return count === 0;
}

/**
 * labelsKey with a one-entry memory: consecutive entries of one stream
 * (the usual case) skip building and hashing the key again.
 */
export function createLabelsKeyCache(): (labels: Readonly<Record<string, string>>) => string {
  let last: Record<string, string> | undefined;
  let lastKey = '';
  return (labels) => {
    if (last !== undefined && sameLabels(labels, last)) return lastKey;
    lastKey = labelsKey(labels);
    last = { ...labels };
    return lastKey;
  };
}
