import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryContext } from '../table.js';
import { listPids } from '../lib/proc.js';

/**
 * The pids a per-process table reads, as osquery's getProcList picks them:
 * the `pid =` values that name a /proc directory, else every process.
 * Returning pids that then vanish is fine; readers skip what they cannot open.
 */
export function selectPids(ctx: QueryContext, procRoot: string): string[] {
  const wanted = ctx.equals('pid');
  if (wanted.length === 0) return listPids(procRoot);
  return wanted.filter((pid) => /^\d+$/.test(pid) && isDirectory(join(procRoot, pid)));
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
