import { WatchpostError } from '../../core/index.js';
import { createTableSql } from '../specs/index.js';
import type { SqlEngine } from '../sql/index.js';
import { formatResult, type OutputMode } from './output-format.js';
import { watchpostVersion } from '../version.js';

export interface ShellOptions {
  readonly engine: SqlEngine;
  readonly mode?: OutputMode;
  readonly write: (text: string) => void;
  readonly writeError: (text: string) => void;
}

export interface Shell {
  /** Runs one SQL text or meta-command. Resolves false when it failed (the error is already printed). */
  execute(input: string): Promise<boolean>;
  /** Set by `.exit`/`.quit`. */
  readonly exited: boolean;
}

const modes = ['column', 'csv', 'line', 'list', 'pretty'] as const;

const helpText = `Welcome to the Watchpost shell (osqueryi-compatible). Meta commands:

.all [TABLE]     Select all from a table
.exit            Exit this program
.headers ON|OFF  Turn display of headers on or off
.help            Show this message
.mode MODE       Set output mode where MODE is one of:
                   csv      Comma-separated values
                   column   Left-aligned columns see .width
                   line     One value per line
                   list     Values delimited by .separator string
                   pretty   Pretty printed SQL results (default)
.nullvalue STR   Use STRING in place of NULL values
.print STR...    Print literal STRING
.quit            Exit this program
.schema [TABLE]  Show the CREATE statements
.separator STR   Change separator used by output mode
.show            Show the current values for various settings
.tables [TABLE]  List names of tables
.version         Show the Watchpost and SQLite versions
`;

/** An osqueryi-compatible shell over an SqlEngine: meta-commands and SQL, output in osqueryi's modes. */
export function createShell(options: ShellOptions): Shell {
  const { engine, write, writeError } = options;
  const state = { mode: options.mode ?? ('pretty' as OutputMode), headers: true, nullValue: '', separator: '|', exited: false };

  async function runSql(sql: string): Promise<boolean> {
    try {
      const results = await engine.query(sql);
      for (const result of results) {
        write(formatResult(result, { mode: state.mode, nullValue: state.nullValue, separator: state.separator, headers: state.headers }));
      }
      if (results.length === 0 && state.mode === 'json') write('[\n\n]\n');
      return true;
    } catch (err) {
      writeError(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
      return false;
    }
  }

  const commands: Record<string, (args: string[]) => Promise<boolean> | boolean> = {
    all: (args) => (args[0] ? runSql(`SELECT * FROM ${quoteIdent(args[0])};`) : fail('.all requires a table name')),
    exit: () => ((state.exited = true), true),
    quit: () => ((state.exited = true), true),
    headers: (args) => ((state.headers = /^(on|1|yes|true)$/i.test(args[0] ?? '')), true),
    help: () => (writeError(helpText), true),
    mode: (args) => {
      const mode = args[0] === 'lines' ? 'line' : args[0];
      if (!mode || !(modes as readonly string[]).includes(mode)) return fail('mode should be one of: column csv line list pretty');
      state.mode = mode as OutputMode;
      return true;
    },
    nullvalue: (args) => ((state.nullValue = args[0] ?? ''), true),
    print: (args) => (write(args.join(' ') + '\n'), true),
    schema: (args) => {
      for (const t of engine.tables()) if (t.name.startsWith(args[0] ?? '')) write(createTableSql(t) + '\n');
      return true;
    },
    separator: (args) => ((state.separator = args[0] ?? '|'), true),
    show: () => {
      write(`     headers: ${state.headers ? 'on' : 'off'}\n        mode: ${state.mode}\n   nullvalue: "${state.nullValue}"\n   separator: "${state.separator}"\n`);
      return true;
    },
    tables: (args) => {
      for (const t of engine.tables()) if (t.name.startsWith(args[0] ?? '')) write(`  => ${t.name}\n`);
      return true;
    },
    version: () => (write(`watchpost ${watchpostVersion} (osquery 5.23.1 compatible)\n`), true),
  };
  commands.list = commands.tables as (args: string[]) => boolean;
  commands.summary = commands.show as () => boolean;

  function fail(message: string): boolean {
    writeError(`Error: ${message}\n`);
    return false;
  }

  async function runMeta(line: string): Promise<boolean> {
    const [word = '', ...args] = splitMetaArgs(line.slice(1));
    const names = Object.keys(commands).filter((n) => n.startsWith(word.toLowerCase()));
    const exact = commands[word.toLowerCase()];
    const handler = exact ?? (word !== '' && names.length >= 1 ? commands[names.sort()[0] as string] : undefined);
    if (!handler) return fail(`unknown command or invalid arguments:  "${word}". Enter ".help" for help`);
    return handler(args);
  }

  return {
    execute(input: string) {
      const trimmed = input.trim();
      if (trimmed === '') return Promise.resolve(true);
      return trimmed.startsWith('.') ? runMeta(trimmed) : runSql(trimmed);
    },
    get exited() {
      return state.exited;
    },
  };
}

/** Splits meta-command arguments on blanks, honouring single and double quotes. */
function splitMetaArgs(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new WatchpostError('ERR_AGENT_SQL', `invalid table name: ${name}`);
  return name;
}
