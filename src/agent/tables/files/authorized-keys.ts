import { readBytes } from '../lib/fs-read.js';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { parseAuthorizedKeys } from './authorized-keys-parser.js';
import { createHostFs } from './host-fs.js';
import { appendPath } from './path-names.js';
import { describeReadLimit, readMaxBytes } from './read-limits.js';
import { selectContextUsers } from '../lib/context-users.js';

/** The files osquery reads in each home directory, in its order. */
export const authorizedKeysFiles = ['.ssh/authorized_keys', '.ssh/authorized_keys2'] as const;

/**
 * authorized_keys: ~/.ssh/authorized_keys and ~/.ssh/authorized_keys2 of each
 * selected user (see selectContextUsers), parsed as osquery does. A file that
 * exists but cannot be read is reported and ends that user's files, as in
 * osquery.
 */
export function* genAuthorizedKeys(ctx: QueryContext): Iterable<Row> {
  const fs = createHostFs(ctx);
  for (const user of selectContextUsers(ctx)) {
    ctx.checkDeadline();
    for (const name of authorizedKeysFiles) {
      const keyFile = appendPath(user.dir, name);
      const st = fs.stat(keyFile);
      if (!st) continue;
      if (st.size > BigInt(readMaxBytes)) {
        ctx.warn(describeReadLimit(keyFile, st.size));
        break;
      }
      const content = readBytes(fs.toHost(keyFile));
      if (content === undefined) {
        ctx.warn(`Cannot open file for reading: ${keyFile}`);
        break;
      }
      for (const key of parseAuthorizedKeys(content.toString('utf8'))) {
        yield { uid: user.uid, ...key, key_file: keyFile, pid_with_namespace: 0 };
      }
    }
  }
}

export const authorizedKeysTable: TableImpl = {
  name: 'authorized_keys',
  generate: genAuthorizedKeys,
  reads: ['/etc/passwd', '~/.ssh/authorized_keys', '~/.ssh/authorized_keys2'],
};
