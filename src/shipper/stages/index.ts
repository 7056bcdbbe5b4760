// Public surface of src/shipper/stages: promtail's pipeline stages.
export { buildPipeline } from './build-pipeline.js';
export type { Pipeline } from './pipeline.js';
export type { EntrySource, PipelineEntry, Stage, StageContext } from './types.js';
