import { readConfigFile } from '../../core/index.js';
import type { AgentFlags } from './agent-flags.js';
import type { AgentConfig } from './config-model.js';
import { parseAgentConfig } from './config-parse.js';
import { defaultConfigName, defaultConfigText } from './default-config.js';

/** Reads and parses the configured config (or the built-in one); throws ERR_CONFIG_INVALID / ERR_NO_INPUT. */
export function loadAgentConfig(flags: AgentFlags): AgentConfig {
  const defaultIntervalS = flags.number('schedule_default_interval');
  if (!flags.entries().has('config_path')) return parseAgentConfig(defaultConfigText(), { file: defaultConfigName, defaultIntervalS });
  const file = flags.string('config_path');
  // Read only: parse errors already carry `file:line` and must not get a second file prefix.
  const text = readConfigFile(file, (t) => t);
  return parseAgentConfig(text, { file, defaultIntervalS });
}
