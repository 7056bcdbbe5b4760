import type { QueryContext } from '../table.js';
import { createHostFs } from './host-fs.js';
import { readUtf8 } from '../lib/fs-read.js';
import { parsePasswd } from '../lib/etc-passwd.js';
import { compareBytes, type GlobHost } from './posix-glob.js';
import { resolveFilePattern, type GlobLimit } from './resolve-file-pattern.js';

/** The glob environment of one query: host filesystem, deadline, and `~` homes from $HOME and /etc/passwd. */
export function createGlobHost(ctx: QueryContext): GlobHost {
  let users: ReturnType<typeof parsePasswd> | undefined;
  const lookup = () => (users ??= parsePasswd(readUtf8(ctx.hostPath('/etc/passwd')) ?? ''));
  return {
    fs: createHostFs(ctx),
    checkDeadline: () => ctx.checkDeadline(),
    homeOf(user) {
      if (user === undefined) {
        const uid = process.getuid?.() ?? 0;
        return process.env.HOME ?? lookup().find((u) => u.uid === uid)?.dir;
      }
      return lookup().find((u) => u.name === user)?.dir;
    },
  };
}

export interface PathConstraintOptions {
  /** The column whose `=` and LIKE constraints name paths. */
  readonly column: string;
  readonly limit: GlobLimit;
  /** Reuse the query's glob environment; default a new one. */
  readonly host?: GlobHost;
}

/**
 * The paths a file-like table visits for one column, as osquery's
 * getAll(EQUALS) plus expandConstraints(LIKE): `=` values as written, each
 * LIKE pattern resolved with resolveFilePattern (without canonicalising),
 * the union de-duplicated and sorted (osquery keeps them in a std::set).
 */
export function resolvePathConstraints(ctx: QueryContext, options: PathConstraintOptions): string[] {
  const { column, limit, host = createGlobHost(ctx) } = options;
  const paths = new Set(ctx.equals(column));
  for (const c of ctx.constraints(column)) {
    if (c.op !== 'LIKE' || c.value === null) continue;
    for (const found of resolveFilePattern(String(c.value), host, { limit, canonicalize: false })) paths.add(found);
  }
  return [...paths].sort(compareBytes);
}
