import { readFileSync } from 'node:fs';
import { WatchpostError } from '../../core/index.js';
import type { AgentFlags } from './agent-flags.js';
import type { AgentConfig } from './config-model.js';
import { parseAgentConfig } from './config-parse.js';
import { defaultConfigName, defaultConfigText } from './default-config.js';

/** Reads and parses the configured config (or the built-in one); throws ERR_CONFIG_INVALID / ERR_NO_INPUT. */
export function loadAgentConfig(flags: AgentFlags): AgentConfig {
  const defaultIntervalS = flags.number('schedule_default_interval');
  if (!flags.entries().has('config_path')) return parseAgentConfig(defaultConfigText(), { file: defaultConfigName, defaultIntervalS });
  const file = flags.string('config_path');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new WatchpostError('ERR_NO_INPUT', `cannot read config file ${file}: ${reason}`, { cause: err });
  }
  return parseAgentConfig(text, { file, defaultIntervalS });
}
