import { join } from 'node:path';
import { listDir, readText } from './fs-read.js';

/** Linux's USER_HZ; /proc times are in these ticks. */
export const clockTicksPerSecond = 100;

/** The numeric entries of /proc (one per process), in ascending order. */
export function listPids(procRoot: string): string[] {
  return listDir(procRoot)
    .filter((n) => /^\d+$/.test(n))
    .sort((a, b) => Number(a) - Number(b));
}

/** Boot time in seconds since the epoch, from the btime line of /proc/stat; 0 when unknown. */
export function readBootTime(procRoot: string): number {
  const stat = readText(join(procRoot, 'stat')) ?? '';
  const m = /^btime\s+(\d+)/m.exec(stat);
  return m ? Number(m[1]) : 0;
}

/**
 * The fields of /proc/<pid>/stat after the command name, so index 0 is the
 * state (field 3 of proc(5)). The name may contain spaces and parentheses,
 * hence the split after the last ')'.
 */
export function parseProcStat(content: string): string[] | undefined {
  const end = content.lastIndexOf(')');
  if (end < 0 || content.length <= end + 2) return undefined;
  const fields = content.slice(end + 2).trim().split(' ');
  return fields.length > 19 ? fields : undefined;
}

/** `Key:\tvalue` lines of /proc/<pid>/status or /proc/<pid>/io as a map (values trimmed). */
export function parseKeyValueLines(content: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of content.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  return out;
}

/** The path of the first line of /proc/<pid>/cgroup (`0::/user.slice` → `/user.slice`). */
export function parseProcCgroup(content: string): string {
  const end = content.indexOf('\n');
  const line = end < 0 ? content : content.slice(0, end);
  const first = line.indexOf(':');
  if (first < 0) return '';
  const second = line.indexOf(':', first + 1);
  return second < 0 ? '' : line.slice(second + 1);
}
