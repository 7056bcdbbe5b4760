import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText } from '../lib/fs-read.js';

/**
 * The /proc/<pid>/limits row names of the resources osquery's
 * kLimitsResourceMap holds on Linux, under osquery's names. RLIMIT_RTTIME
 * ("Max realtime timeout") is not in osquery's map.
 */
const resourceNames: ReadonlyMap<string, string> = new Map([
  ['Max cpu time', 'cpu'],
  ['Max file size', 'fsize'],
  ['Max data size', 'data'],
  ['Max stack size', 'stack'],
  ['Max core file size', 'core'],
  ['Max resident set', 'rss'],
  ['Max processes', 'nproc'],
  ['Max open files', 'nofile'],
  ['Max locked memory', 'memlock'],
  ['Max address space', 'as'],
  ['Max file locks', 'locks'],
  ['Max pending signals', 'sigpending'],
  ['Max msgqueue size', 'msgqueue'],
  ['Max nice priority', 'nice'],
  ['Max realtime priority', 'rtprio'],
]);

/**
 * Parses /proc/<pid>/limits (a header, then `%-25s %-20s %-20s %-10s` rows:
 * name, soft, hard, units) into osquery's rows: type, soft_limit, hard_limit
 * with the kernel's "unlimited" kept as is, sorted by type as osquery's
 * std::map iterates. Unknown rows are ignored.
 */
export function parseProcLimits(content: string): Row[] {
  const rows: Row[] = [];
  for (const line of content.split('\n')) {
    const type = resourceNames.get(line.slice(0, 25).trim());
    if (type === undefined) continue;
    const [soft, hard] = line.slice(25).trim().split(/\s+/);
    if (soft === undefined || hard === undefined) continue;
    rows.push({ type, soft_limit: soft, hard_limit: hard });
  }
  return rows.sort((a, b) => (String(a.type) < String(b.type) ? -1 : 1));
}

/** ulimit_info: the resource limits of the agent's own process (osquery's getrlimit on itself). */
export function* genUlimitInfo(ctx: QueryContext): Iterable<Row> {
  yield* parseProcLimits(readText(ctx.hostPath('/proc/self/limits')) ?? '');
}

export const ulimitInfoTable: TableImpl = {
  name: 'ulimit_info',
  generate: genUlimitInfo,
  reads: ['/proc/self/limits'],
};
