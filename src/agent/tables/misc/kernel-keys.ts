import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText } from '../lib/fs-read.js';
import { splitOsquery } from '../lib/osquery-strings.js';

/**
 * Parses /proc/keys as osquery's genKernelKeys: each line split on spaces
 * must give exactly ten words, else it is skipped. The description is the
 * last two words joined without a space (`_ses: 1` reads `_ses:1`), so keys
 * whose description has more or fewer words do not appear — osquery's
 * behaviour, kept for compatibility.
 */
export function parseProcKeys(content: string): Row[] {
  const rows: Row[] = [];
  for (const line of splitOsquery(content, '\n')) {
    const f = splitOsquery(line, ' ');
    if (f.length !== 10) continue;
    rows.push({
      serial_number: f[0],
      flags: f[1],
      usage: f[2],
      timeout: f[3],
      permissions: f[4],
      uid: f[5],
      gid: f[6],
      type: f[7],
      description: `${f[8] ?? ''}${f[9] ?? ''}`,
    });
  }
  return rows;
}

/** kernel_keys: the keys /proc/keys shows to the agent's process; no rows without the file. */
export function* genKernelKeys(ctx: QueryContext): Iterable<Row> {
  yield* parseProcKeys(readText(ctx.hostPath('/proc/keys')) ?? '');
}

export const kernelKeysTable: TableImpl = {
  name: 'kernel_keys',
  generate: genKernelKeys,
  reads: ['/proc/keys'],
};
