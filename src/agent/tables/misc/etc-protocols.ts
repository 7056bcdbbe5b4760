import type { QueryContext, Row, TableImpl } from '../table.js';
import { readUtf8 } from '../lib/fs-read.js';
import { splitOsquery } from '../lib/osquery-strings.js';

/**
 * Parses protocols(5) text as osquery's parseEtcProtocolsContent: lines are
 * cut and trimmed with osquery::split (so indented comments are comments
 * too), a line needs a name and a number, only the first alias is kept, and
 * everything after the first '#' is the comment, its '#'-separated pieces
 * re-joined with ' # '. The number stays text; the SQL layer makes it an
 * INTEGER (NULL when it is not one).
 */
export function parseEtcProtocols(content: string): Row[] {
  const rows: Row[] = [];
  for (const line of splitOsquery(content, '\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [entry = '', ...comment] = splitOsquery(line, '#');
    const fields = splitOsquery(entry, '\t ');
    if (fields.length < 2) continue;
    const row: Record<string, string> = { name: fields[0] ?? '', number: fields[1] ?? '' };
    if (fields.length > 2) row.alias = fields[2] ?? '';
    if (comment.length > 0) row.comment = comment.join(' # ');
    rows.push(row);
  }
  return rows;
}

/** etc_protocols: /etc/protocols line by line; no rows when it cannot be read (osquery only logs at info level). */
export function* genEtcProtocols(ctx: QueryContext): Iterable<Row> {
  yield* parseEtcProtocols(readUtf8(ctx.hostPath('/etc/protocols')) ?? '');
}

export const etcProtocolsTable: TableImpl = {
  name: 'etc_protocols',
  generate: genEtcProtocols,
  reads: ['/etc/protocols'],
};
