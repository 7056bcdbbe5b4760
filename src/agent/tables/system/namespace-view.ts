import { join } from 'node:path';
import type { QueryContext } from '../table.js';
import { readLink } from '../lib/fs-read.js';

/**
 * Where a generator reads files from, after osquery's pid_with_namespace
 * column: without the constraint, the host's own files (pid 0); with
 * `pid_with_namespace = N`, the files as process N sees them. osquery forks a
 * worker that setns()es into N's mount namespace; reading through
 * /proc/N/root gives the same view without leaving this process.
 */
export interface NamespaceView {
  /** 0 for the host view, else the pid whose mount namespace is read. */
  readonly pid: number;
  /** The id inside /proc/<pid>/ns/mnt (`mnt:[4026531840]` → '4026531840'); '' for the host view. */
  readonly mountNamespaceId: string;
  /** An absolute path as seen from this view, resolved under paths.root. */
  path(absolute: string): string;
}

/**
 * The views a query asks for: one per `pid_with_namespace = N` value whose
 * namespace can be read (others are skipped, as osquery skips pids it cannot
 * enter), or the single host view when the column is not constrained.
 */
export function listNamespaceViews(ctx: QueryContext): NamespaceView[] {
  if (!ctx.hasConstraint('pid_with_namespace')) {
    return [{ pid: 0, mountNamespaceId: '', path: (p) => ctx.hostPath(p) }];
  }
  const views: NamespaceView[] = [];
  for (const value of ctx.equals('pid_with_namespace')) {
    if (!/^\d+$/.test(value)) continue;
    const pid = Number(value);
    const id = parseMountNamespaceId(readLink(ctx.hostPath(`/proc/${pid}/ns/mnt`)));
    if (id === undefined) continue;
    const root = ctx.hostPath(`/proc/${pid}/root`);
    views.push({ pid, mountNamespaceId: id, path: (p) => join(root, p) });
  }
  return views;
}

/** The number between the brackets of a /proc/<pid>/ns/mnt link, or undefined. */
export function parseMountNamespaceId(link: string): string | undefined {
  const m = /\[([^\]]+)\]/.exec(link);
  return m?.[1];
}
