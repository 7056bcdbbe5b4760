import type { QueryContext, Row, TableImpl } from '../table.js';
import { joinPath, readHostText } from './host-files.js';
import { selectContextUsers } from '../lib/context-users.js';
import { splitOsquery } from '../lib/osquery-strings.js';

const knownHostsFile = '.ssh/known_hosts';

/**
 * The entries of a known_hosts file as osquery keeps them: every non-blank
 * line, trimmed, that does not start with '#'. Hashed (|1|…), plain,
 * @cert-authority and @revoked lines are all kept whole.
 */
export function parseKnownHosts(text: string): string[] {
  return splitOsquery(text, '\n').filter((line) => line !== '' && !line.startsWith('#'));
}

/** known_hosts: ~/.ssh/known_hosts of each selected user (see selectQueryUsers). */
export function* genKnownHosts(ctx: QueryContext): Iterable<Row> {
  for (const user of selectContextUsers(ctx)) {
    ctx.checkDeadline();
    const path = joinPath(user.dir, knownHostsFile);
    const text = readHostText(ctx, path);
    if (text === undefined) continue;
    for (const key of parseKnownHosts(text)) yield { uid: user.uid, key, key_file: path };
  }
}

export const knownHostsTable: TableImpl = {
  name: 'known_hosts',
  generate: genKnownHosts,
  reads: ['/etc/passwd', '~/.ssh/known_hosts'],
};
