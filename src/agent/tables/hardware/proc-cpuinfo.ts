/**
 * /proc/cpuinfo as one map per processor block ("key\t: value" lines,
 * blocks separated by blank lines). Keys and values are trimmed.
 */
export function parseCpuinfo(text: string): Array<Map<string, string>> {
  const blocks: Array<Map<string, string>> = [];
  let current = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (line.trim() === '' || colon < 0) {
      if (line.trim() === '' && current.size > 0) {
        blocks.push(current);
        current = new Map();
      }
      continue;
    }
    current.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  if (current.size > 0) blocks.push(current);
  return blocks;
}
