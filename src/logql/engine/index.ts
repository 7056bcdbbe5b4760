// Public surface of src/logql/engine: the LogQL evaluator (Loki's pkg/logql engine).
export { createEngine, type Engine, type EngineOptions } from './engine.js';
export type { QueryCompiler } from './compiler.js';
export { defaultQueryLimits, type QueryLimits } from './limits.js';
export { encodeQueryData, type QueryData } from './encode-query-data.js';
export { encodeStats, emptyQueryStats, type QueryStats } from './stats.js';
export { formatFloat } from './format-float.js';
export { formatGoDuration, formatPromDuration } from './format-duration.js';
export { createMemoryQuerier, type MemoryQuerier, type MemoryQuerierOptions } from './memory-querier.js';
