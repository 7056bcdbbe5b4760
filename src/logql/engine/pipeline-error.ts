import { formatLabels, WatchpostError, type Labels } from '../../core/index.js';

/**
 * Loki's `logqlmodel.NewPipelineErr`: a metric query fails when a sample
 * still carries `__error__` at evaluation (the label filter was not applied).
 */
export function createPipelineError(labels: Labels): WatchpostError {
  const errorName = labels.__error__ ?? '';
  const message =
    `pipeline error: '${errorName}' for series: '${formatLabels(labels)}'.\n` +
    `Use a label filter to intentionally skip this error. (e.g | __error__!="${errorName}").\n` +
    'To skip all potential errors you can match empty errors.(e.g __error__="")\n' +
    'The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__="" )\n';
  return new WatchpostError('ERR_QUERY_PIPELINE', message, { details: { series: formatLabels(labels) } });
}

/** Whether labels carry a pipeline error that fails a metric query. */
export function hasPipelineError(labels: Labels): boolean {
  return labels.__error__ !== undefined && labels.__preserve_error__ !== 'true';
}
