import { readlinkSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryContext } from '../table.js';

/**
 * The file system a package table reads, after osquery's pid_with_namespace
 * column. osquery forks a worker that setns()es into the mount namespace of
 * each `pid_with_namespace = N` and runs the generator there, so paths in
 * rows are the paths the container sees; reading through /proc/N/root gives
 * the same view from this process. Without the constraint there is one view:
 * the host (pid 0), resolved under the context's paths.root.
 *
 * Generators work on logical paths (what rows report) and call `resolve` to
 * get the physical path to read.
 */
export interface HostView {
  /** 0 for the host, else the pid whose mount namespace is read. */
  readonly pid: number;
  /** The id in /proc/<pid>/ns/mnt (`mnt:[4026531840]` → '4026531840'); '' for the host. */
  readonly mountNamespaceId: string;
  /** The physical path to read for an absolute logical path. */
  resolve(path: string): string;
  /** The logical path of a physical one under this view, or undefined when it lies outside. */
  unresolve(physical: string): string | undefined;
}

/**
 * One view per `pid_with_namespace = N` whose mount namespace link can be
 * read (others are skipped, as osquery skips pids it cannot enter), or the
 * host view when the column is not constrained. A constraint with no usable
 * `=` value yields no views, as osquery's worker refuses the job.
 */
export function listHostViews(ctx: QueryContext): HostView[] {
  if (!ctx.hasConstraint('pid_with_namespace')) return [createView(0, '', ctx.hostPath('/'))];
  const views: HostView[] = [];
  for (const value of ctx.equals('pid_with_namespace')) {
    if (!/^\d+$/.test(value)) continue;
    const pid = Number(value);
    const id = parseMountNamespaceId(readLinkOrEmpty(ctx.hostPath(`/proc/${pid}/ns/mnt`)));
    if (id === undefined) continue;
    views.push(createView(pid, id, ctx.hostPath(`/proc/${pid}/root`)));
  }
  return views;
}

/** The host view of a context, for tables without pid_with_namespace. */
export function createHostView(ctx: QueryContext): HostView {
  return createView(0, '', ctx.hostPath('/'));
}

/** The non-empty text between the brackets of a /proc/<pid>/ns/mnt link, or undefined. */
export function parseMountNamespaceId(link: string): string | undefined {
  const m = /\[([^\]]+)\]/.exec(link);
  return m?.[1];
}

/** The row cells osquery's namespace worker adds: pid_with_namespace always, mount_namespace_id only inside a namespace. */
export function namespaceCells(view: HostView, withMountNamespaceId: boolean): Record<string, string | number> {
  const cells: Record<string, string | number> = { pid_with_namespace: view.pid };
  if (withMountNamespaceId && view.pid !== 0) cells.mount_namespace_id = view.mountNamespaceId;
  return cells;
}

function createView(pid: number, mountNamespaceId: string, root: string): HostView {
  const atRoot = root === '/' || root === '';
  let realRoot: string | undefined;
  return {
    pid,
    mountNamespaceId,
    resolve: (path) => (atRoot ? path : join(root, path)),
    unresolve: (physical) => {
      if (atRoot) return physical;
      realRoot ??= realpathOrSelf(root);
      for (const base of [realRoot, root]) {
        if (physical === base) return '/';
        if (physical.startsWith(`${base}/`)) return physical.slice(base.length);
      }
      return undefined;
    },
  };
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function readLinkOrEmpty(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}
