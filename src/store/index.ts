// Public surface of src/store.
export { createStore } from './create-store.js';
export { defaultIngestLimits, resolveDefaultDataDir, type IngestLimits, type StoreOptions, type ChunkCodecName } from './store-options.js';
export type * from './types.js';
