import { WatchpostError } from '../../core/index.js';

/** Placeholder until the status command lands (replaced by its issue's work). */
export async function runStatusCommand(_argv: string[]): Promise<number> {
  throw new WatchpostError('ERR_CLI_USAGE', 'the status command is not built yet');
}
