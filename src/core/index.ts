export * from './errors/index.js';
export { createLogger, type Logger, type LogLevel } from './logger.js';
export { readConfigFile } from './config/read-config-file.js';
export { formatLabels, sortLabels, quoteGoString, type Labels } from './labels/index.js';
export { clientAuthHeaders, type ClientCredentials } from './http/client-auth-headers.js';
