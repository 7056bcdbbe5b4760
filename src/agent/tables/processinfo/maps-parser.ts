/** One line of /proc/<pid>/maps in process_memory_map's columns. */
export interface MemoryMapRow {
  readonly start: string;
  readonly end: string;
  readonly permissions: string;
  /** Decimal; '-1' when the hex offset does not parse as a 64-bit signed integer. */
  readonly offset: string;
  readonly device: string;
  readonly inode: string;
  readonly path: string;
  readonly pseudo: 0 | 1;
}

const int64Max = 2n ** 63n - 1n;

/**
 * Parses /proc/<pid>/maps as osquery's genProcessMap does: fields split on
 * runs of spaces, lines with fewer than five fields or an address without
 * '-' skipped, addresses prefixed with 0x, the offset turned from hex into
 * decimal, and pseudo = 1 for a named region with inode 0 ([heap], [stack],
 * [vdso]...). Like osquery, path is only the first space-separated word of
 * the pathname, so '/tmp/a b' reads '/tmp/a' and the ' (deleted)' marker is
 * dropped.
 */
export function parseProcMaps(content: string): MemoryMapRow[] {
  const out: MemoryMapRow[] = [];
  for (const line of content.split('\n')) {
    const fields = line.split(/[ ]+/).map((f) => f.trim()).filter((f) => f !== '');
    if (fields.length < 5) continue;
    const [range = '', permissions = '', offset = '', device = '', inode = '', path = ''] = fields;
    const addresses = range.split('-').filter((a) => a !== '');
    if (addresses.length < 2) continue;
    out.push({
      start: '0x' + addresses[0],
      end: '0x' + addresses[1],
      permissions,
      offset: parseHexOffset(offset),
      device,
      inode,
      path,
      pseudo: inode === '0' && path !== '' ? 1 : 0,
    });
  }
  return out;
}

function parseHexOffset(hex: string): string {
  if (!/^(0[xX])?[0-9a-fA-F]+$/.test(hex)) return '-1';
  const value = BigInt(hex.startsWith('0x') || hex.startsWith('0X') ? hex : '0x' + hex);
  return value > int64Max ? '-1' : value.toString();
}
