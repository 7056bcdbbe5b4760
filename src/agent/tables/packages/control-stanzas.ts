/**
 * A parser for dpkg's control-file format (deb-control(5), the format of
 * /var/lib/dpkg/status): stanzas of `Field: value` lines separated by blank
 * lines; a line starting with a space or tab continues the previous field.
 */

/** One stanza: field names lower-cased (they are case-insensitive), values trimmed; continuation lines joined with '\n'. */
export type ControlStanza = ReadonlyMap<string, string>;

export function parseControlStanzas(text: string): ControlStanza[] {
  const stanzas: ControlStanza[] = [];
  let fields = new Map<string, string>();
  let last: string | undefined;
  const flush = (): void => {
    if (fields.size > 0) stanzas.push(fields);
    fields = new Map();
    last = undefined;
  };
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (last !== undefined) fields.set(last, `${fields.get(last) ?? ''}\n${line}`);
      continue;
    }
    if (line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    fields.set(last, line.slice(colon + 1).trim());
  }
  flush();
  return stanzas;
}
