import type { QueryContext, Row, TableImpl } from '../table.js';
import { joinPath, readHostText } from './host-files.js';
import { selectContextUsers } from '../lib/context-users.js';
import { lowerAscii, splitOsquery } from '../lib/osquery-strings.js';

const userConfig = '.ssh/config';
const systemConfig = '/etc/ssh/ssh_config';

/** One option of an ssh_config file and the Host/Match block it sits in. */
export interface SshConfigOption {
  readonly block: string;
  readonly option: string;
}

/**
 * Parses ssh_config(5) text as osquery does: each line is trimmed and
 * lowercased whole (values too); blank lines and '#' comments are skipped; a
 * line starting "host " or "match " opens a block and is not a row itself;
 * every other line is an option of the current block ('' before the first).
 * Include directives are rows like any other option, not followed.
 */
export function parseSshConfig(text: string): SshConfigOption[] {
  const options: SshConfigOption[] = [];
  let block = '';
  for (const raw of splitOsquery(text, '\n')) {
    const line = lowerAscii(raw);
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('host ') || line.startsWith('match ')) block = line;
    else options.push({ block, option: line });
  }
  return options;
}

/**
 * ssh_configs: ~/.ssh/config of each selected user (see selectQueryUsers),
 * then /etc/ssh/ssh_config as uid 0, which osquery always appends whatever
 * the uid constraint (SQLite then filters on uid).
 */
export function* genSshConfigs(ctx: QueryContext): Iterable<Row> {
  const files = selectContextUsers(ctx).map((u) => ({ uid: u.uid, path: joinPath(u.dir, userConfig) }));
  files.push({ uid: 0, path: systemConfig });
  for (const file of files) {
    ctx.checkDeadline();
    const text = readHostText(ctx, file.path);
    if (text === undefined) continue;
    for (const o of parseSshConfig(text)) yield { uid: file.uid, block: o.block, option: o.option, ssh_config_file: file.path };
  }
}

export const sshConfigsTable: TableImpl = {
  name: 'ssh_configs',
  generate: genSshConfigs,
  reads: ['/etc/passwd', '~/.ssh/config', '/etc/ssh/ssh_config'],
};
