import { WatchpostError } from '../../core/index.js';

/** Placeholder until the up command lands (replaced by its issue's work). */
export async function runUpCommand(_argv: string[]): Promise<number> {
  throw new WatchpostError('ERR_CLI_USAGE', 'the up command is not built yet');
}
