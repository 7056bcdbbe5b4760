import { homedir } from 'node:os';
import { join } from 'node:path';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { WatchpostError } from '../../core/index.js';
import { createShell, createSqlEngine, setFlagValues, type OutputMode, type Shell } from '../../agent/index.js';
import { parseCommandArgs } from '../parse-command-args.js';

const options = {
  json: { type: 'boolean' },
  json_pretty: { type: 'boolean' },
  csv: { type: 'boolean' },
  line: { type: 'boolean' },
  list: { type: 'boolean' },
  header: { type: 'string' },
  separator: { type: 'string' },
  nullvalue: { type: 'string' },
  query: { type: 'string' },
  timeout: { type: 'string' },
  docker_socket: { type: 'string' },
  L: { type: 'boolean' },
  A: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const usage = `usage: watchpost sql [--json|--json_pretty|--csv|--line|--list] [--separator S] [--nullvalue S]
                     [--timeout SECONDS] [--docker_socket PATH] [-L] [-A TABLE] ["SQL or .meta-command"]
With no query, reads statements from standard input (an interactive shell on a terminal).
`;

/** `watchpost sql`: osqueryi's one-shot and interactive modes. Exit 0 on success, 1 when a statement failed. */
export async function runSqlCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs({ args: argv, options, allowPositionals: true, strict: true }, usage);
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(usage);
    return 0;
  }
  const timeoutSeconds = v.timeout === undefined ? 10 : Number(v.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new WatchpostError('ERR_CLI_USAGE', `--timeout must be a positive number of seconds`);
  const mode: OutputMode = v.json ? 'json' : v.json_pretty ? 'json_pretty' : v.csv ? 'csv' : v.line ? 'line' : v.list ? 'list' : 'pretty';
  // osquery_flags shows the shell's flags as given on the command line.
  const given = Object.entries(v).filter(([name, value]) => value !== undefined && name.length > 1 && name !== 'help' && name !== 'query');
  setFlagValues({ disable_events: 'true', ...Object.fromEntries(given.map(([name, value]) => [name, String(value)])) });
  const engine = await createSqlEngine({
    timeoutMs: timeoutSeconds * 1000,
    paths: v.docker_socket === undefined ? {} : { dockerSocket: v.docker_socket },
    onWarning: (m) => process.stderr.write(`W ${m}\n`),
  });
  const shell = createShell({ engine, mode, write: (t) => process.stdout.write(t), writeError: (t) => process.stderr.write(t) });
  const setup = [v.header === undefined ? '' : `.headers ${v.header}`, v.separator === undefined ? '' : `.separator "${v.separator}"`, v.nullvalue === undefined ? '' : `.nullvalue "${v.nullvalue}"`];
  for (const s of setup) if (s) await shell.execute(s);

  const oneShot = v.L ? '.tables' : v.A ? `.all ${v.A}` : v.query ?? parsed.positionals.join(' ');
  try {
    if (oneShot !== '') return (await shell.execute(oneShot)) ? 0 : 1;
    return await runInteractive(shell);
  } finally {
    await engine.close();
  }
}

/** Reads statements line by line; SQL runs once a line ends with ';', meta-commands at once. */
async function runInteractive(shell: Shell): Promise<number> {
  const tty = process.stdin.isTTY === true;
  const historyFile = join(homedir(), '.watchpost', '.history');
  const history = tty ? loadHistory(historyFile) : [];
  const rl = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty, history, historySize: 1000 });
  const prompt = (continuing: boolean): void => {
    if (!tty) return;
    rl.setPrompt(continuing ? '    ...> ' : 'osquery> ');
    rl.prompt();
  };
  let buffer = '';
  let ok = true;
  prompt(false);
  for await (const line of rl) {
    if (buffer === '' && line.trim().startsWith('.')) {
      ok = (await shell.execute(line)) && ok;
      if (tty) saveHistory(historyFile, line);
    } else {
      buffer += (buffer ? '\n' : '') + line;
      if (buffer.trim().endsWith(';')) {
        ok = (await shell.execute(buffer)) && ok;
        if (tty) saveHistory(historyFile, buffer.replaceAll('\n', ' '));
        buffer = '';
      }
    }
    if (shell.exited) break;
    prompt(buffer !== '');
  }
  if (buffer.trim() !== '') ok = (await shell.execute(buffer)) && ok;
  rl.close();
  return ok ? 0 : 1;
}

function loadHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).reverse().slice(0, 1000);
  } catch {
    return [];
  }
}

function saveHistory(file: string, entry: string): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    appendFileSync(file, entry + '\n');
  } catch {
    // History is a convenience; a read-only home must not break the shell.
  }
}
