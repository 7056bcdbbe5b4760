import { WatchpostError } from '../../core/index.js';

/** Placeholder until the logs command lands (replaced by its issue's work). */
export async function runLogsCommand(_argv: string[]): Promise<number> {
  throw new WatchpostError('ERR_CLI_USAGE', 'the logs command is not built yet');
}
