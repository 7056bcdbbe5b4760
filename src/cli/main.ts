import { WatchpostError } from '../core/index.js';
import { exitCodeFor } from './exit-codes.js';
import { runSqlCommand } from './commands/sql.js';

const usage = `usage: watchpost <command> [options]

commands:
  sql [SQL]     osqueryi-compatible shell over live system tables
  help          show this message
`;

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  sql: runSqlCommand,
};

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name === undefined ? 64 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`error[ERR_CLI_USAGE]: unknown command "${name}"\n${usage}`);
    return 64;
  }
  try {
    return await command(rest);
  } catch (err) {
    const code = err instanceof WatchpostError ? err.code : 'ERR_INTERNAL';
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error[${code}]: ${message}\n`);
    return exitCodeFor(err);
  }
}
