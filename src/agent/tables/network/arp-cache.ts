import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText } from '../lib/fs-read.js';

/** ATF_COM | ATF_PERM as /proc/net/arp prints the flags of a permanent entry. */
const permanentFlags = '0x6';

/**
 * Parses /proc/net/arp (IP address, HW type, Flags, HW address, Mask,
 * Device) as osquery does: the header line is skipped, fields are split on
 * runs of spaces, and a line without exactly six fields is ignored.
 * permanent is '1' only for flags 0x6 (complete and permanent).
 */
export function parseArpCache(content: string): Row[] {
  const rows: Row[] = [];
  for (const line of content.split('\n').slice(1)) {
    const f = line.split(/ +/).map((x) => x.trim());
    if (f.length !== 6) continue;
    rows.push({ address: f[0], mac: f[3], interface: f[5], permanent: f[2] === permanentFlags ? '1' : '0' });
  }
  return rows;
}

/** arp_cache: the kernel's IPv4 neighbour table from /proc/net/arp. */
export function* genArpCache(ctx: QueryContext): Iterable<Row> {
  yield* parseArpCache(readText(ctx.hostPath('/proc/net/arp')) ?? '');
}

export const arpCacheTable: TableImpl = {
  name: 'arp_cache',
  generate: genArpCache,
  reads: ['/proc/net/arp'],
};
