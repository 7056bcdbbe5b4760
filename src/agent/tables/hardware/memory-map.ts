import type { QueryContext, Row, TableImpl } from '../table.js';
import { readProcFile } from '../lib/fs-read.js';

/**
 * memory_map rows from /proc/iomem text, reproducing osquery's parser
 * exactly so results compare equal: a line splits at its first '-' and its
 * first ' ' or ':'. For top-level lines (`00000000-00000fff : Reserved`)
 * that gives start `0x00000000`, end `0x00000fff ` (osquery keeps the
 * space before the colon) and name `Reserved`. Indented (nested) lines
 * have their first space before the '-', and osquery emits them with the
 * shifted pieces that result; so does this. Addresses are zero unless root.
 */
export function parseIomem(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    const dash = line.indexOf('-');
    const sep = firstOf(line, ' :');
    if (dash < 0 || sep < 0) continue;
    if (line.length <= sep + 3) continue;
    const start = '0x' + line.slice(0, dash);
    // std::string::substr(pos, n) with n = sep - dash; a negative n wraps to "the rest".
    const end = '0x' + (sep >= dash ? line.slice(dash + 1, dash + 1 + (sep - dash)) : line.slice(dash + 1));
    rows.push({ name: line.slice(sep + 3), start, end });
  }
  return rows;
}

function firstOf(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i] as string)) return i;
  return -1;
}

export function* genMemoryMap(ctx: QueryContext): Iterable<Row> {
  yield* parseIomem(readProcFile(ctx.hostPath('/proc/iomem')) ?? '');
}

export const memoryMapTable: TableImpl = {
  name: 'memory_map',
  generate: genMemoryMap,
  reads: ['/proc/iomem'],
  needsRoot: true,
};
