import type { QueryContext, Row, TableImpl } from '../table.js';
import { readHostFile } from './host-files.js';
import { describeHashAlgorithm, describePasswordStatus, parseShadow, type ShadowEntry } from './shadow-parser.js';

const shadowPath = '/etc/shadow';

/**
 * shadow: /etc/shadow as osquery reads it through getspent(3), or
 * getspnam(3) for each `username = X` (the first entry of that name).
 * Only root can read the file: otherwise the table warns and returns no
 * rows, where osquery returns none silently. A missing file is no rows.
 */
export function* genShadow(ctx: QueryContext): Iterable<Row> {
  const content = readHostFile(ctx, shadowPath);
  if (typeof content === 'string') {
    if (content !== 'ENOENT') ctx.warn(`Cannot open file for reading: ${shadowPath} (${content}); the shadow table needs root`);
    return;
  }
  const entries = parseShadow(content.toString('utf8'));
  const wanted = ctx.equals('username');
  if (wanted.length === 0) {
    yield* entries.map(toRow);
    return;
  }
  for (const name of wanted) {
    const entry = entries.find((e) => e.username === name);
    if (entry) yield toRow(entry);
  }
}

function toRow(e: ShadowEntry): Row {
  return {
    username: e.username,
    password_status: describePasswordStatus(e.password),
    hash_alg: describeHashAlgorithm(e.password),
    last_change: e.lastChange,
    min: e.min,
    max: e.max,
    warning: e.warning,
    inactive: e.inactive,
    expire: e.expire,
    flag: e.flag,
  };
}

export const shadowTable: TableImpl = {
  name: 'shadow',
  generate: genShadow,
  reads: ['/etc/shadow'],
  needsRoot: true,
};
