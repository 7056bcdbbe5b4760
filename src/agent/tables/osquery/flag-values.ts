/**
 * The values the running process gives its flags, for osquery_flags. The
 * default is the shell's: events disabled, everything else at its default
 * (osqueryi, too, turns events off for the shell).
 */
const shellValues: ReadonlyMap<string, string> = new Map([['disable_events', 'true']]);

let current: ReadonlyMap<string, string> = shellValues;

/**
 * Installs the flag values in force (from the command line, flagfile and the
 * config's `options`), by flag name; a value replaces the default of a known
 * flag, and a `custom_*` name adds a custom flag as osquery does. Other
 * names are ignored. undefined restores the shell's values.
 */
export function setFlagValues(values: ReadonlyMap<string, string> | Readonly<Record<string, string>> | undefined): void {
  if (values === undefined) current = shellValues;
  else current = values instanceof Map ? new Map(values) : new Map(Object.entries(values));
}

export function getFlagValues(): ReadonlyMap<string, string> {
  return current;
}
