import { parseArgs, type ParseArgsConfig } from 'node:util';
import { WatchpostError } from '../core/index.js';

/**
 * node:util's parseArgs for one command: a flag it refuses (unknown, missing
 * value, wrong type) becomes ERR_CLI_USAGE with parseArgs' message followed by
 * the command's usage text.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new WatchpostError('ERR_CLI_USAGE', `${(err as Error).message}\n${usage}`);
  }
}
