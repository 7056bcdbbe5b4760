/** Every stage promtail knows, by its config name. */
import { createCriStage, createDockerStage } from './container-formats.js';
import { createDecolorizeStage } from './decolorize.js';
import { createDropStage } from './drop.js';
import { createEventLogMessageStage } from './eventlogmessage.js';
import { createJsonStage } from './json.js';
import { createLabelsStage } from './labels.js';
import { createLabelAllowStage, createLabelDropStage } from './label-filter.js';
import { createLimitStage } from './limit.js';
import { createLogfmtStage } from './logfmt.js';
import { createMatchStage } from './match.js';
import { createMetricsStage } from './metrics.js';
import { createMultilineStage } from './multiline.js';
import { createOutputStage } from './output.js';
import { createPackStage } from './pack.js';
import { createRegexStage } from './regex.js';
import { createReplaceStage } from './replace.js';
import { createSamplingStage } from './sampling.js';
import { createStaticLabelsStage } from './static-labels.js';
import { createStructuredMetadataStage } from './structured-metadata.js';
import { createTemplateStage } from './template.js';
import { createTenantStage } from './tenant.js';
import { createTimestampStage } from './timestamp.js';
import { createGeoIpStage } from './unsupported.js';
import type { StageFactory } from './build-context.js';

export const stageFactories: Readonly<Record<string, StageFactory>> = {
  cri: createCriStage,
  decolorize: createDecolorizeStage,
  docker: createDockerStage,
  drop: createDropStage,
  eventlogmessage: createEventLogMessageStage,
  geoip: createGeoIpStage,
  json: createJsonStage,
  labelallow: createLabelAllowStage,
  labeldrop: createLabelDropStage,
  labels: createLabelsStage,
  limit: createLimitStage,
  logfmt: createLogfmtStage,
  match: createMatchStage,
  metrics: createMetricsStage,
  multiline: createMultilineStage,
  // Deprecated promtail name of structured_metadata.
  non_indexed_labels: createStructuredMetadataStage,
  output: createOutputStage,
  pack: createPackStage,
  regex: createRegexStage,
  replace: createReplaceStage,
  sampling: (config, ctx) => createSamplingStage(config, ctx),
  static_labels: createStaticLabelsStage,
  structured_metadata: createStructuredMetadataStage,
  template: createTemplateStage,
  tenant: createTenantStage,
  timestamp: createTimestampStage,
};
