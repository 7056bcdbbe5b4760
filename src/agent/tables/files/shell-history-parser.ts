/** One history entry: `time` is 0 when the file recorded none. */
export interface HistoryEntry {
  readonly time: string;
  readonly command: string;
}

const bashTimestamp = /^#([0-9]+)$/;
// std::regex's '.' (ECMAScript grammar) stops only at \n and \r.
const zshExtended = /^: {0,10}([0-9]{1,11}):[0-9]+;([^\n\r]*)$/;

/**
 * Parses a shell history file as osquery's genShellHistoryFromFile: one entry
 * per line (blank lines included); a bash `#<epoch>` line (HISTTIMEFORMAT)
 * gives its time to the next line, whatever that line holds; a zsh
 * EXTENDED_HISTORY line `: <epoch>:<elapsed>;<command>` gives time and
 * command; any other line is a command with time 0. A zsh multi-line command
 * stays several entries, as in osquery.
 */
export function parseShellHistory(text: string): HistoryEntry[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const entries: HistoryEntry[] = [];
  let pendingTime: string | undefined;
  for (const line of lines) {
    if (pendingTime === undefined) {
      const stamp = bashTimestamp.exec(line);
      if (stamp) {
        pendingTime = stamp[1] as string;
        continue;
      }
    }
    if (pendingTime !== undefined) {
      entries.push({ time: pendingTime, command: line });
      pendingTime = undefined;
      continue;
    }
    const zsh = zshExtended.exec(line);
    entries.push(zsh ? { time: zsh[1] as string, command: zsh[2] as string } : { time: '0', command: line });
  }
  return entries;
}
