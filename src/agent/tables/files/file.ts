import type { QueryContext, Row, TableImpl } from '../table.js';
import { readFileInfo } from './file-info.js';
import { createGlobHost, resolvePathConstraints } from './path-constraints.js';
import { appendPath, getBoostParentPath } from './path-names.js';

/**
 * file: stat(2) metadata, as osquery's genFilePosix. Rows come from `path`
 * (`=` as written; LIKE resolved with `%` one level and a trailing `%%`
 * recursive, directories marked with '/') and from `directory` (`=` or LIKE
 * naming folders; one row per entry of each, dot files included). The SQL
 * layer refuses a query with neither.
 */
export function* genFile(ctx: QueryContext): Iterable<Row> {
  const host = createGlobHost(ctx);
  const { fs } = host;
  for (const path of resolvePathConstraints(ctx, { column: 'path', limit: 'all', host })) {
    ctx.checkDeadline();
    const row = readFileInfo(fs, { path, directory: getBoostParentPath(path) });
    if (row) yield row;
  }
  for (const directory of resolvePathConstraints(ctx, { column: 'directory', limit: 'folders', host })) {
    if (!fs.isReadable(directory) || !fs.isDirectory(directory)) continue;
    for (const entry of fs.readdir(directory) ?? []) {
      ctx.checkDeadline();
      const path = appendPath(directory, entry.name);
      const row = readFileInfo(fs, { path, directory });
      if (row) yield row;
    }
  }
}

export const fileTable: TableImpl = {
  name: 'file',
  generate: genFile,
  reads: ['lstat(2)/stat(2) of the paths and directories named in WHERE'],
};
