import { readBytes } from '../lib/fs-read.js';
import type { QueryContext, Row, TableImpl } from '../table.js';
import type { HostFs } from './host-fs.js';
import { createGlobHost } from './path-constraints.js';
import { appendPath } from './path-names.js';
import { describeReadLimit, readMaxBytes } from './read-limits.js';
import { resolveFilePattern } from './resolve-file-pattern.js';
import { parseShellHistory } from './shell-history-parser.js';
import { selectContextUsers } from '../lib/context-users.js';

/** The history files osquery reads in each home directory, in its order. */
export const shellHistoryFiles = ['.bash_history', '.zsh_history', '.zhistory', '.history', '.sh_history', '.ash_history'] as const;

/**
 * shell_history: the history files of each selected user's home (see
 * selectContextUsers: `uid = N`, else the calling user), then
 * ~/.bash_sessions/*.history, as osquery's genShellHistory.
 */
export function* genShellHistory(ctx: QueryContext): Iterable<Row> {
  const host = createGlobHost(ctx);
  for (const user of selectContextUsers(ctx)) {
    ctx.checkDeadline();
    const uid = user.uid;
    const files: string[] = shellHistoryFiles.map((name) => appendPath(user.dir, name));
    const sessions = appendPath(user.dir, '.bash_sessions');
    if (host.fs.stat(sessions)) {
      files.push(...resolveFilePattern(appendPath(sessions, '*.history'), host, { limit: 'all', canonicalize: true }));
    }
    for (const historyFile of files) {
      const text = readHistoryFile(ctx, host.fs, historyFile);
      if (text === undefined) continue;
      for (const entry of parseShellHistory(text)) {
        yield { uid, time: entry.time, command: entry.command, history_file: historyFile };
      }
    }
  }
}

/** The file's text, or undefined when it cannot be read or is over osquery's read limit (warned). */
function readHistoryFile(ctx: QueryContext, fs: HostFs, path: string): string | undefined {
  const st = fs.stat(path);
  if (!st || st.isDirectory()) return undefined;
  if (st.size > BigInt(readMaxBytes)) {
    ctx.warn(describeReadLimit(path, st.size));
    return undefined;
  }
  return readBytes(fs.toHost(path))?.toString('utf8');
}

export const shellHistoryTable: TableImpl = {
  name: 'shell_history',
  generate: genShellHistory,
  reads: ['/etc/passwd', '~/.bash_history, ~/.zsh_history, ~/.zhistory, ~/.history, ~/.sh_history, ~/.ash_history, ~/.bash_sessions/*.history'],
};
