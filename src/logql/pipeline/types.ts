import type { Labels } from '../../core/index.js';

/**
 * The runtime form of a query's pipeline (Loki's `pkg/logql/log`): compiled
 * once per query, specialised once per stream (`forStream`, cached by the
 * stream's label key), then run per line. Stages never mutate their input.
 */
export interface LogPipeline {
  forStream(labels: Labels): StreamPipeline;
}

export interface StreamPipeline {
  /**
   * Runs every stage over one line. Returns undefined when a filter drops it.
   * The returned `labels` object may be shared between lines with the same
   * label set: callers must not mutate it.
   */
  process(tsNs: bigint, line: string, metadata?: Labels): ProcessedLine | undefined;
}

export interface ProcessedLine {
  readonly line: string;
  /** Stream labels + structured metadata + parsed labels (incl. __error__). */
  readonly labels: Labels;
  /** formatLabels(labels). */
  readonly key: string;
  /**
   * `labels` split as Loki's `categorize-labels` encoding flag reports them
   * (computed on first read): stream labels still in place, structured
   * metadata still in place, everything else (parsed, formatted, errors).
   */
  readonly categories?: LabelCategories;
}

export interface LabelCategories {
  readonly stream: Labels;
  readonly structuredMetadata: Labels;
  readonly parsed: Labels;
}

/** A range aggregation's per-line sample source (count, bytes or unwrap). */
export interface SampleExtractor {
  forStream(labels: Labels): StreamSampleExtractor;
}

export interface StreamSampleExtractor {
  /** Returns undefined when the line is filtered out or has no sample. */
  process(tsNs: bigint, line: string, metadata?: Labels): ExtractedSample | undefined;
}

export interface ExtractedSample {
  readonly value: number;
  /** Output series labels (unwrapped label removed, range-agg grouping applied). */
  readonly labels: Labels;
  readonly key: string;
}
