export { createAgent, type Agent, type AgentOptions, type ReloadOutcome } from './agent.js';
export { loadAgentConfig } from './load-config.js';
export { AgentFlags, agentFlagDefs, parseAgentArgs, type AgentFlagName } from './agent-flags.js';
export { parseAgentConfig, type ParseConfigOptions } from './config-parse.js';
export type { AgentConfig, PackConfig, QueryConfig, DecoratorConfig } from './config-model.js';
export { defaultConfigText, resolveDefaultPack } from './default-config.js';
