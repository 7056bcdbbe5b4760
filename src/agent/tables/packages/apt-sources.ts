import { readFileSync } from 'node:fs';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { parseAptRelease } from './apt-release.js';
import { parseAptSourceLine, parseDeb822File, type AptSourceEntry } from './apt-source-entries.js';
import { splitOsquery } from '../lib/osquery-strings.js';
import { resolvePattern } from './file-pattern.js';
import { listHostViews, namespaceCells, type HostView } from './host-view.js';

/**
 * apt_sources: the `deb` entries of /etc/apt/sources.list,
 * /etc/apt/sources.list.d/*.list and (deb822) /etc/apt/sources.list.d/*.sources,
 * as osquery's genAptSrcs. An entry yields a row only when APT has its
 * Release file cached (/var/lib/apt/lists/<name>_Release or _InRelease);
 * release, version, maintainer, components and architectures come from that
 * file (Codename, Version, Origin, Components, Architectures).
 */
export function* genAptSources(ctx: QueryContext): Iterable<Row> {
  for (const view of listHostViews(ctx)) {
    const lists = resolvePattern(view, '/etc/apt/sources.list', 'files');
    lists.push(...resolvePattern(view, '/etc/apt/sources.list.d/%.list', 'files'));
    for (const source of lists) {
      const content = readSource(ctx, view, source);
      if (content === undefined) continue;
      for (const line of splitOsquery(content, '\n')) {
        if (line === '') continue;
        const entry = parseAptSourceLine(line);
        const row = entry && toRow(view, source, entry);
        if (row) yield row;
      }
    }
    for (const source of resolvePattern(view, '/etc/apt/sources.list.d/%.sources', 'files')) {
      ctx.checkDeadline();
      const content = readSource(ctx, view, source);
      if (content === undefined) continue;
      for (const entry of parseDeb822File(content)) {
        const row = toRow(view, source, entry);
        if (row) yield row;
      }
    }
  }
}

function toRow(view: HostView, source: string, entry: AptSourceEntry): Row | undefined {
  const cached = resolvePattern(view, `/var/lib/apt/lists/${entry.cacheName}_%Release`, 'files')[0];
  if (cached === undefined) return undefined;
  const content = readOrUndefined(view.resolve(cached));
  if (content === undefined) return undefined;
  return { source, base_uri: entry.baseUri, name: entry.name, ...parseAptRelease(content), ...namespaceCells(view, false) };
}

function readSource(ctx: QueryContext, view: HostView, source: string): string | undefined {
  const content = readOrUndefined(view.resolve(source));
  if (content === undefined) ctx.warn(`Cannot read file: ${source}`);
  return content;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export const aptSourcesTable: TableImpl = {
  name: 'apt_sources',
  generate: genAptSources,
  reads: ['/etc/apt/sources.list', '/etc/apt/sources.list.d/*.list', '/etc/apt/sources.list.d/*.sources', '/var/lib/apt/lists/*Release'],
};
