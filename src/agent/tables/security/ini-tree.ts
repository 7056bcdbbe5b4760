import { trimAscii } from '../lib/osquery-strings.js';

/** One top-level node of an INI file as boost::property_tree::read_ini builds it. */
export interface IniNode {
  readonly name: string;
  /** The value of a key outside any section; '' for a section. */
  readonly value: string;
  /** A section's keys in file order; empty for a top-level key. */
  readonly keys: ReadonlyArray<readonly [string, string]>;
}

/**
 * Parses INI text the way boost's read_ini does, which is what osquery's
 * yum_sources uses: lines are trimmed; blank lines and lines starting with
 * ';' or '#' are skipped; "[name]" opens a section (dropped again if it
 * gets no key); "key=value" is trimmed on both sides; a key before any
 * section is a top-level node. Where read_ini
 * throws — an unmatched '[', a line without '=', an empty key, a duplicate
 * section or a duplicate key in one section — this returns undefined, and
 * the whole file yields nothing.
 */
export function parseIniTree(text: string): IniNode[] | undefined {
  const nodes: { name: string; value: string; keys: [string, string][] }[] = [];
  let section: { keys: [string, string][] } | undefined;
  for (const raw of text.split('\n')) {
    const line = trimAscii(raw);
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      if (section && section.keys.length === 0) nodes.pop();
      const end = line.indexOf(']');
      if (end < 0) return undefined;
      const name = trimAscii(line.slice(1, end));
      if (nodes.some((n) => n.name === name)) return undefined;
      const node = { name, value: '', keys: [] as [string, string][] };
      nodes.push(node);
      section = node;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) return undefined;
    const key = trimAscii(line.slice(0, eq));
    const value = trimAscii(line.slice(eq + 1));
    if (section) {
      if (section.keys.some(([k]) => k === key)) return undefined;
      section.keys.push([key, value]);
    } else {
      if (nodes.some((n) => n.name === key)) return undefined;
      nodes.push({ name: key, value, keys: [] });
    }
  }
  if (section && section.keys.length === 0) nodes.pop();
  return nodes;
}
