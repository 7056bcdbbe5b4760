export { createSqlEngine, type QueryResult, type SqlEngine, type SqlEngineOptions } from './engine.js';
