import type { QueryContext, Row, TableImpl } from '../table.js';
import { readUtf8 } from '../lib/fs-read.js';
import { splitOsquery } from '../lib/osquery-strings.js';

/**
 * Parses services(5) text as osquery's parseEtcServicesContent: a line needs
 * `name port/protocol` (exactly one '/'), further words are the aliases
 * joined by one space ('' when there are none), and the text after the
 * first '#' is the comment, its '#'-separated pieces re-joined with ' # '.
 */
export function parseEtcServices(content: string): Row[] {
  const rows: Row[] = [];
  for (const line of splitOsquery(content, '\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [entry = '', ...comment] = splitOsquery(line, '#');
    const [name = '', portProtocol, ...aliases] = splitOsquery(entry, '\t ');
    if (portProtocol === undefined) continue;
    const pieces = splitOsquery(portProtocol, '/');
    if (pieces.length !== 2) continue;
    const row: Record<string, string> = { name, port: pieces[0] ?? '', protocol: pieces[1] ?? '', aliases: aliases.join(' ') };
    if (comment.length > 0) row.comment = comment.join(' # ');
    rows.push(row);
  }
  return rows;
}

/** etc_services: /etc/services line by line; no rows when it cannot be read. */
export function* genEtcServices(ctx: QueryContext): Iterable<Row> {
  yield* parseEtcServices(readUtf8(ctx.hostPath('/etc/services')) ?? '');
}

export const etcServicesTable: TableImpl = {
  name: 'etc_services',
  generate: genEtcServices,
  reads: ['/etc/services'],
};
