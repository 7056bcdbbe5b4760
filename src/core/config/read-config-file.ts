import { readFileSync } from 'node:fs';
import { WatchpostError } from '../errors/index.js';

/**
 * Reads a configuration file and parses it with `parse`, turning every
 * failure into a WatchpostError that names the file: a missing or unreadable
 * file is ERR_NO_INPUT, a parse failure ERR_CONFIG_INVALID with the parser's
 * own words (which carry line and column where the format has them).
 */
export function readConfigFile<T>(path: string, parse: (text: string) => T): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new WatchpostError('ERR_NO_INPUT', `cannot read config file ${path}: ${reason}`, { cause: err });
  }
  try {
    return parse(text);
  } catch (err) {
    if (err instanceof WatchpostError) {
      throw new WatchpostError(err.code, `${path}: ${err.message}`, { cause: err, details: err.details });
    }
    throw new WatchpostError('ERR_CONFIG_INVALID', `${path}: ${(err as Error).message}`, { cause: err });
  }
}
