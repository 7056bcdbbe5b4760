import { WatchpostError } from '../core/index.js';
import { exitCodeFor } from './exit-codes.js';

const usage = `usage: watchpost <command> [options]

commands:
  sql [SQL]     osqueryi-compatible shell over live system tables
  agent         osqueryd-compatible daemon: scheduled packs, differential results log
  ship          promtail-compatible shipper
  server        Loki-compatible log store, ruler and web UI
  up            everything on this host in one process
  status        health of a running watchpost up
  logs          logcli-compatible client
  help          show this message
`;

type Command = (argv: string[]) => Promise<number>;

/** Each command loads only when it runs, so `watchpost sql` starts fast. */
const commands: Record<string, () => Promise<Command>> = {
  sql: async () => (await import('./commands/sql.js')).runSqlCommand,
  agent: async () => (await import('./commands/agent.js')).runAgentCommand,
  ship: async () => (await import('./commands/ship.js')).runShipCommand,
  server: async () => (await import('./commands/server.js')).runServerCommand,
  up: async () => (await import('./commands/up.js')).runUpCommand,
  status: async () => (await import('./commands/status.js')).runStatusCommand,
  logs: async () => (await import('./commands/logs.js')).runLogsCommand,
};

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name === undefined ? 64 : 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`error[ERR_CLI_USAGE]: unknown command "${name}"\n${usage}`);
    return 64;
  }
  try {
    const command = await load();
    return await command(rest);
  } catch (err) {
    const code = err instanceof WatchpostError ? err.code : 'ERR_INTERNAL';
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error[${code}]: ${message}\n`);
    return exitCodeFor(err);
  }
}
