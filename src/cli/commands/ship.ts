import { WatchpostError } from '../../core/index.js';

/** Placeholder until the ship command lands (replaced by its issue's work). */
export async function runShipCommand(_argv: string[]): Promise<number> {
  throw new WatchpostError('ERR_CLI_USAGE', 'the ship command is not built yet');
}
