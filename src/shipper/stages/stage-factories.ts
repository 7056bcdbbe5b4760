/** Every stage promtail knows, by its config name. */
import { createJsonStage } from './json.js';
import { createLabelsStage } from './labels.js';
import { createLabelAllowStage, createLabelDropStage } from './label-filter.js';
import { createMetricsStage } from './metrics.js';
import { createOutputStage } from './output.js';
import { createStaticLabelsStage } from './static-labels.js';
import { createTimestampStage } from './timestamp.js';
import type { StageFactory } from './build-context.js';

export const stageFactories: Readonly<Record<string, StageFactory>> = {
  json: createJsonStage,
  labels: createLabelsStage,
  labelallow: createLabelAllowStage,
  labeldrop: createLabelDropStage,
  metrics: createMetricsStage,
  output: createOutputStage,
  static_labels: createStaticLabelsStage,
  timestamp: createTimestampStage,
};
