import type { QueryContext, Row, TableImpl } from '../table.js';
import { emptyHashes, FileHashCache } from './file-hasher.js';
import { createGlobHost, resolvePathConstraints } from './path-constraints.js';
import { appendPath, getBoostParentPath } from './path-names.js';

const cache = new FileHashCache();

/**
 * hash: md5, sha1 and sha256 of regular files (symlinks followed), as
 * osquery's genHash. `path` (`=`, or LIKE with `%`/`%%`) names files;
 * `directory` (`=` or LIKE) names folders whose regular files are hashed,
 * one level deep. Directories and special files are skipped; a file over
 * the 50 MiB read limit still gets a row, with empty digests. Digests are
 * cached by path until the inode, mtime or size changes.
 */
export function* genHash(ctx: QueryContext): Iterable<Row> {
  const host = createGlobHost(ctx);
  const { fs } = host;
  const load = (path: string, directory: string): Row => {
    ctx.checkDeadline();
    const hashes = cache.load(fs, path, { checkDeadline: () => ctx.checkDeadline(), warn: (m) => ctx.warn(m) }) ?? emptyHashes;
    return { path, directory, md5: hashes.md5, sha1: hashes.sha1, sha256: hashes.sha256, pid_with_namespace: 0 };
  };
  for (const path of resolvePathConstraints(ctx, { column: 'path', limit: 'all', host })) {
    if (fs.isRegularFile(path)) yield load(path, getBoostParentPath(path));
  }
  for (const directory of resolvePathConstraints(ctx, { column: 'directory', limit: 'all', host })) {
    if (!fs.isDirectory(directory)) continue;
    for (const entry of fs.readdir(directory) ?? []) {
      const path = appendPath(directory, entry.name);
      if (fs.isRegularFile(path)) yield load(path, directory);
    }
  }
}

export const hashTable: TableImpl = {
  name: 'hash',
  generate: genHash,
  reads: ['contents of the regular files named in WHERE (up to 50 MiB each)'],
};
