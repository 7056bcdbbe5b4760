export { createSqlEngine, type QueryResult, type SqlEngine, type SqlEngineOptions } from './sql/index.js';
export { createShell, type Shell, type ShellOptions } from './shell/shell.js';
export { formatResult, type OutputMode, type FormatOptions } from './shell/output-format.js';
export { loadTableSpecs, createTableSql, type TableSpec, type ColumnSpec } from './specs/index.js';
export type { TableImpl, QueryContext, Row, SystemPaths } from './tables/table.js';
export { watchpostVersion } from './version.js';
export { setFlagValues } from './tables/osquery/index.js';
export { createAgent, loadAgentConfig, parseAgentArgs, parseAgentConfig, AgentFlags, defaultConfigText, type Agent, type AgentOptions, type AgentConfig } from './schedule/index.js';
