import { WatchpostError } from '../../core/index.js';

/** Placeholder until the server command lands (replaced by its issue's work). */
export async function runServerCommand(_argv: string[]): Promise<number> {
  throw new WatchpostError('ERR_CLI_USAGE', 'the server command is not built yet');
}
