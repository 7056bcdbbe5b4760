/**
 * APT source entries as osquery's apt_sources reads them
 * (osquery/tables/system/linux/apt_sources.cpp), quirks included:
 * - one-line format: text after '#' is dropped, the rest must contain
 *   `deb ` (so `deb-src` lines are skipped), `[options]` are skipped, the URI
 *   must have `://`; the suite is the next token, components are ignored;
 * - deb822 `.sources` stanzas: Types must include `deb`; an `Enabled` value
 *   other than `on` disables the stanza (apt itself also accepts `yes`, osquery
 *   does not); one entry per URI × suite.
 * Trailing slashes are cut from URIs; `name` is the URI without its scheme,
 * a space and the suite.
 */
import { splitOsquery } from '../lib/osquery-strings.js';

export interface AptSourceEntry {
  readonly baseUri: string;
  readonly name: string;
  /** The /var/lib/apt/lists/ file name prefix of the entry's Release file (before `_Release`/`_InRelease`). */
  readonly cacheName: string;
}

/** One line of a sources.list file, or undefined when osquery would skip it. */
export function parseAptSourceLine(input: string): AptSourceEntry | undefined {
  const hash = input.indexOf('#');
  let line = hash === -1 ? input : input.slice(0, hash);
  const deb = line.indexOf('deb ');
  if (deb === -1) return undefined;
  line = line.slice(deb + 4);
  const tokens = splitOsquery(line, ' ');
  if (tokens.length < 2) return undefined;
  let offset = 0;
  if (tokens[0]?.startsWith('[')) {
    const close = tokens.findIndex((t) => t.includes(']'));
    offset = (close === -1 ? 0 : close) + 1;
  }
  const uriToken = tokens[offset];
  if (uriToken === undefined) return undefined;
  const scheme = uriToken.indexOf('://');
  if (scheme === -1) return undefined;
  const suite = tokens[offset + 1];
  if (suite === undefined) return undefined;
  const baseUri = uriToken.replace(/\/+$/, '');
  if (baseUri.length < scheme + 3) return undefined;
  return toEntry(baseUri, scheme, suite);
}

/** One stanza of a deb822 .sources file: zero or more entries. */
export function parseDeb822Block(block: string): AptSourceEntry[] {
  const uris: string[] = [];
  const suites: string[] = [];
  for (const input of splitOsquery(block, '\n')) {
    if (input === '') continue;
    const hash = input.indexOf('#');
    const line = hash === -1 ? input : input.slice(0, hash);
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (value === '') continue;
    if (key === 'types' && !splitOsquery(value).includes('deb')) return [];
    if (key === 'enabled' && value !== 'on') return [];
    if (key === 'uris') {
      for (const uri of splitOsquery(value)) if (uri.includes('://')) uris.push(uri.replace(/\/+$/, ''));
    }
    if (key === 'suites') suites.push(...splitOsquery(value));
  }
  return uris.flatMap((uri) => suites.map((suite) => toEntry(uri, uri.indexOf('://'), suite)));
}

/** A .sources file split into stanzas the way osquery does it (on "\n\n"). */
export function parseDeb822File(content: string): AptSourceEntry[] {
  return content.split('\n\n').filter((b) => b !== '').flatMap(parseDeb822Block);
}

function toEntry(baseUri: string, scheme: number, suite: string): AptSourceEntry {
  const host = baseUri.slice(scheme + 3);
  const suiteParts = splitOsquery(suite, '/');
  const parts = suiteParts.length === 1 ? [host, 'dists', suite] : [host, ...suiteParts];
  return { baseUri, name: `${host} ${suite}`, cacheName: parts.join('_').replaceAll('/', '_') };
}
