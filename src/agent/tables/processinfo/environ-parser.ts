/** One `KEY=value` entry of /proc/<pid>/environ. */
export interface EnvironEntry {
  readonly key: string;
  readonly value: string;
}

/**
 * Splits /proc/<pid>/environ (NUL-separated entries) the way osquery's Linux
 * generator walks it: it stops at the first empty entry and at the first
 * entry whose leading byte is 0x80 or above (osquery tests `*variable > 0`
 * on a signed char); an entry without '=' yields that text as both key and
 * value (osquery's `substr(npos + 1)`). Entries are decoded as UTF-8.
 */
export function parseEnviron(content: Uint8Array): EnvironEntry[] {
  const out: EnvironEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let start = 0;
  while (start < content.length && (content[start] ?? 0) > 0 && (content[start] ?? 0) < 0x80) {
    let end = content.indexOf(0, start);
    if (end < 0) end = content.length;
    const entry = decoder.decode(content.subarray(start, end));
    const eq = entry.indexOf('=');
    out.push(eq < 0 ? { key: entry, value: entry } : { key: entry.slice(0, eq), value: entry.slice(eq + 1) });
    start = end + 1;
  }
  return out;
}
