import { splitOsquery, trimAscii } from '../lib/osquery-strings.js';

/** One parsed crontab line; fields the line did not give are absent (read '' in SQL). */
export interface CronEntry {
  readonly event?: string;
  readonly minute?: string;
  readonly hour?: string;
  readonly day_of_month?: string;
  readonly month?: string;
  readonly day_of_week?: string;
  readonly command: string;
}

const timeFields = ['minute', 'hour', 'day_of_month', 'month', 'day_of_week'] as const;

/**
 * Parses crontab text as osquery's cronFromFile + genCronLine: lines are
 * trimmed, blank and `#` lines skipped, the rest split on spaces and tabs.
 * A first field starting with '@' is the event (`@reboot`) and the rest is
 * the command; otherwise five time fields, then the command. The command
 * keeps every later field joined by single spaces, so in /etc/crontab and
 * /etc/cron.d it starts with the user name. Lines without a command
 * (variables such as `SHELL=/bin/sh`) are dropped.
 */
export function parseCrontab(text: string): CronEntry[] {
  const entries: CronEntry[] = [];
  for (const raw of splitOsquery(text, '\n')) {
    const line = trimAscii(raw);
    if (line === '' || line.startsWith('#')) continue;
    const entry = parseCronLine(line);
    if (entry) entries.push(entry);
  }
  return entries;
}

function parseCronLine(line: string): CronEntry | undefined {
  const fields = splitOsquery(line, ' \t');
  const entry: Record<string, string> = {};
  let rest = fields;
  if (fields[0]?.startsWith('@')) {
    entry.event = fields[0];
    rest = fields.slice(1);
  } else {
    timeFields.forEach((name, i) => {
      if (fields[i] !== undefined) entry[name] = fields[i] as string;
    });
    rest = fields.slice(timeFields.length);
  }
  const command = rest.join(' ');
  if (command === '') return undefined;
  return { ...entry, command };
}
