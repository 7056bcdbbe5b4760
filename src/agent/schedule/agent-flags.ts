import { readFileSync } from 'node:fs';
import { WatchpostError } from '../../core/index.js';

type FlagType = 'bool' | 'string' | 'uint64' | 'int32' | 'double';

interface AgentFlagDef {
  readonly type: FlagType;
  readonly defaultValue: string;
  /** Only the command line (or flagfile) may set it; the config's `options` cannot (osquery's CLI_FLAG). */
  readonly cliOnly?: boolean;
}

/** The flags `watchpost agent` reads, with osqueryd's names and Linux defaults (Watchpost's own are marked). */
export const agentFlagDefs = {
  config_path: { type: 'string', defaultValue: '/etc/osquery/osquery.conf', cliOnly: true },
  config_check: { type: 'bool', defaultValue: 'false', cliOnly: true },
  config_refresh: { type: 'uint64', defaultValue: '0' },
  database_path: { type: 'string', defaultValue: '/var/osquery/osquery.db', cliOnly: true },
  logger_path: { type: 'string', defaultValue: '/var/log/osquery/' },
  logger_mode: { type: 'string', defaultValue: '0640', cliOnly: true },
  logger_rotate: { type: 'bool', defaultValue: 'false' },
  logger_rotate_size: { type: 'uint64', defaultValue: String(25 * 1024 * 1024) },
  logger_rotate_max_files: { type: 'uint64', defaultValue: '25' },
  logger_event_type: { type: 'bool', defaultValue: 'true' },
  logger_snapshot_event_type: { type: 'bool', defaultValue: 'false' },
  logger_numerics: { type: 'bool', defaultValue: 'false' },
  logger_min_status: { type: 'int32', defaultValue: '0' },
  logger_stderr: { type: 'bool', defaultValue: 'true', cliOnly: true },
  logger_min_stderr: { type: 'int32', defaultValue: '0' },
  host_identifier: { type: 'string', defaultValue: 'hostname' },
  specified_identifier: { type: 'string', defaultValue: '' },
  pidfile: { type: 'string', defaultValue: '/var/run/osqueryd.pidfile', cliOnly: true },
  schedule_splay_percent: { type: 'uint64', defaultValue: '10' },
  schedule_default_interval: { type: 'uint64', defaultValue: '3600' },
  schedule_epoch: { type: 'uint64', defaultValue: '0' },
  schedule_timeout: { type: 'uint64', defaultValue: '0' },
  schedule_lognames: { type: 'bool', defaultValue: 'false' },
  pack_delimiter: { type: 'string', defaultValue: '_' },
  pack_refresh_interval: { type: 'uint64', defaultValue: '3600' },
  decorations_top_level: { type: 'bool', defaultValue: 'false' },
  disable_decorators: { type: 'bool', defaultValue: 'false' },
  disable_events: { type: 'bool', defaultValue: 'false' },
  disable_watchdog: { type: 'bool', defaultValue: 'false', cliOnly: true },
  watchdog_level: { type: 'int32', defaultValue: '0', cliOnly: true },
  watchdog_memory_limit: { type: 'uint64', defaultValue: '0', cliOnly: true },
  watchdog_utilization_limit: { type: 'uint64', defaultValue: '0', cliOnly: true },
  watchdog_delay: { type: 'uint64', defaultValue: '60', cliOnly: true },
  nullvalue: { type: 'string', defaultValue: '' },
  utc: { type: 'bool', defaultValue: 'true' },
  verbose: { type: 'bool', defaultValue: 'false' },
  /** Watchpost: seconds a scheduled query may run before it is interrupted. */
  query_timeout: { type: 'uint64', defaultValue: '30' },
  /** Watchpost: run login/user queries when wtmp, utmp, passwd or authorized_keys change. */
  event_triggers: { type: 'bool', defaultValue: 'true' },
  /** Watchpost: milliseconds a burst of file changes is gathered before the queries run. */
  event_debounce_ms: { type: 'uint64', defaultValue: '50' },
} as const satisfies Record<string, AgentFlagDef>;

export type AgentFlagName = keyof typeof agentFlagDefs;

const aliases: Readonly<Record<string, AgentFlagName>> = {
  log_numerics_as_numbers: 'logger_numerics',
  osquery_log_dir: 'logger_path',
};

/** Flag values by name, as text; unset flags read their default. */
export class AgentFlags {
  readonly #values: ReadonlyMap<string, string>;
  constructor(values: ReadonlyMap<string, string>) {
    this.#values = values;
  }
  string(name: AgentFlagName): string {
    return this.#values.get(name) ?? agentFlagDefs[name].defaultValue;
  }
  number(name: AgentFlagName): number {
    const n = Number(this.string(name));
    return Number.isFinite(n) ? n : Number(agentFlagDefs[name].defaultValue);
  }
  bool(name: AgentFlagName): boolean {
    return parseBool(this.string(name)) ?? agentFlagDefs[name].defaultValue === 'true';
  }
  /** The explicitly set values (for osquery_flags and `custom_*`). */
  entries(): ReadonlyMap<string, string> {
    return this.#values;
  }
  /** These flags with the config's `options` applied over them (CLI-only flags and unknown names are ignored; custom_* kept). */
  withOptions(options: Readonly<Record<string, string>>): AgentFlags {
    const next = new Map(this.#values);
    for (const [raw, value] of Object.entries(options)) {
      const name = aliases[raw] ?? raw;
      if (name.startsWith('custom_')) next.set(name, value);
      else if (isAgentFlag(name) && !isCliOnly(name)) next.set(name, value);
    }
    return new AgentFlags(next);
  }
}

/**
 * What osquery warns about a config's `options` (options.cpp): names that are
 * no flag it knows, and CLI-only flags, which a config cannot set.
 */
export function optionWarnings(options: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const raw of Object.keys(options)) {
    const name = aliases[raw] ?? raw;
    if (name.startsWith('custom_')) continue;
    if (!isAgentFlag(name)) out.push(`Cannot set unknown or invalid flag: ${raw}`);
    else if (isCliOnly(name)) {
      out.push(`The CLI only flag --${raw} set via config file will be ignored, please use a flagfile or pass it to the process at startup`);
    }
  }
  return out;
}

function isAgentFlag(name: string): name is AgentFlagName {
  return Object.hasOwn(agentFlagDefs, name);
}

/** Only the command line may set it (osquery's CLI_FLAG). */
function isCliOnly(name: AgentFlagName): boolean {
  const def: AgentFlagDef = agentFlagDefs[name];
  return def.cliOnly === true;
}

function parseBool(v: string): boolean | undefined {
  const s = v.toLowerCase();
  if (s === 'true' || s === '1' || s === 'yes' || s === 't' || s === 'y') return true;
  if (s === 'false' || s === '0' || s === 'no' || s === 'f' || s === 'n') return false;
  return undefined;
}

/**
 * Parses osqueryd-style arguments (gflags): `--name=value`, `--name value`,
 * `--bool`, `--nobool`, one or two dashes, and `--flagfile=PATH` whose lines
 * are read in place (blank lines and `#` comments skipped). Later settings
 * win. Unknown names fail with gflags' message.
 */
export function parseAgentArgs(argv: readonly string[], readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): AgentFlags {
  const values = new Map<string, string>();
  apply(argv, values, readFile, 0);
  return new AgentFlags(values);
}

function apply(argv: readonly string[], values: Map<string, string>, readFile: (path: string) => string, depth: number): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--?([A-Za-z0-9_]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new WatchpostError('ERR_CLI_USAGE', `ERROR: unexpected argument '${arg}' (flags look like --name=value)`);
    let name = m[1]!;
    let value = m[2];
    if (name === 'flagfile') {
      const path = value ?? argv[++i];
      if (path === undefined) throw new WatchpostError('ERR_CLI_USAGE', "ERROR: flag '--flagfile' is missing its argument");
      if (depth > 8) throw new WatchpostError('ERR_CLI_USAGE', `ERROR: flagfile nesting too deep at ${path}`);
      let text: string;
      try {
        text = readFile(path);
      } catch (err) {
        throw new WatchpostError('ERR_NO_INPUT', `cannot read flagfile ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
      }
      const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
      apply(lines, values, readFile, depth + 1);
      continue;
    }
    name = aliases[name] ?? name;
    if (!isAgentFlag(name) && !name.startsWith('custom_')) {
      const negated = name.startsWith('no') ? name.slice(2) : '';
      const target = aliases[negated] ?? negated;
      if (negated !== '' && isAgentFlag(target) && agentFlagDefs[target].type === 'bool' && value === undefined) {
        values.set(target, 'false');
        continue;
      }
      throw new WatchpostError('ERR_CLI_USAGE', `ERROR: unknown command line flag '${m[1]}'`);
    }
    const type: FlagType = isAgentFlag(name) ? agentFlagDefs[name].type : 'string';
    if (value === undefined) {
      if (type === 'bool') value = 'true';
      else {
        value = argv[++i];
        if (value === undefined) throw new WatchpostError('ERR_CLI_USAGE', `ERROR: flag '--${m[1]}' is missing its argument`);
      }
    }
    if (type === 'bool' && parseBool(value) === undefined) {
      throw new WatchpostError('ERR_CLI_USAGE', `ERROR: illegal value '${value}' specified for bool flag '${name}'`);
    }
    if ((type === 'uint64' || type === 'int32') && !/^-?\d+$/.test(value.trim())) {
      throw new WatchpostError('ERR_CLI_USAGE', `ERROR: illegal value '${value}' specified for ${type} flag '${name}'`);
    }
    values.set(name, value);
  }
}
