import { WatchpostError } from '../../core/index.js';

/** Placeholder until the agent command lands (replaced by its issue's work). */
export async function runAgentCommand(_argv: string[]): Promise<number> {
  throw new WatchpostError('ERR_CLI_USAGE', 'the agent command is not built yet');
}
