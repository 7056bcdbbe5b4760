import type { Labels } from '../../core/index.js';
import type { RangeAggregation } from '../syntax/ast.js';
import type { SampleExtractor, StreamSampleExtractor } from '../pipeline/types.js';
import type { EvalContext } from './eval-context.js';
import { SampleBuffer } from './sample-buffer.js';
import { createStepWindows, type StepWindows } from './step-windows.js';
import { createYieldPoint } from './yield-point.js';

/** What loadSamples keeps per series: count and sum, per-step windows, or every sample. */
export type LoadMode =
  | { readonly kind: 'totals' }
  | { readonly kind: 'windows'; readonly add: (w: StepWindows, relNs: number, value: number) => void }
  | { readonly kind: 'samples' };

export interface LoadRequest {
  readonly extractor: SampleExtractor;
  /** Entries with startNs <= ts < endNs. */
  readonly startNs: bigint;
  readonly endNs: bigint;
  /** Sample timestamps are kept as ns after this. */
  readonly baseNs: bigint;
  readonly mode: LoadMode;
}

/** Reads every entry of the request's range once, grouping samples by output series. */
export async function loadSamples(node: RangeAggregation, ctx: EvalContext, req: LoadRequest): Promise<SampleBuffer[]> {
  const grid = ctx.grid;
  const { extractor, mode, baseNs } = req;
  const lineFilter = ctx.compiler.leadingLineFilter(node.range.selector);
  const perStream = new Map<string, StreamSampleExtractor>();
  const buffers = new Map<string, SampleBuffer>();
  const counters = ctx.counters;
  const totalsOnly = mode.kind === 'totals';
  const addToWindows = mode.kind === 'windows' ? mode.add : undefined;
  const batches = ctx.querier.selectLogs({
    tenant: ctx.tenant,
    selector: node.range.selector.selector,
    startNs: req.startNs,
    endNs: req.endNs,
    direction: 'forward',
    lineFilter,
    signal: ctx.signal,
  });
  const yieldPoint = createYieldPoint();
  for await (const batch of batches) {
    ctx.signal?.throwIfAborted();
    await yieldPoint();
    let streamExtractor = perStream.get(batch.key);
    if (streamExtractor === undefined) {
      streamExtractor = extractor.forStream(batch.labels);
      perStream.set(batch.key, streamExtractor);
    }
    const filter = batch.filtered ? undefined : lineFilter;
    let lastLabels: Labels | undefined;
    let lastBuffer: SampleBuffer | undefined;
    const entries = batch.entries;
    counters.linesProcessed += entries.length;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as (typeof entries)[number];
      counters.bytesProcessed += entry.line.length;
      if (filter !== undefined && !filter(entry.line)) continue;
      const sample = streamExtractor.process(entry.tsNs, entry.line, entry.metadata);
      if (sample === undefined) continue;
      let buffer = sample.labels === lastLabels ? lastBuffer : buffers.get(sample.key);
      if (buffer === undefined) {
        buffer = new SampleBuffer(sample.labels, sample.key);
        if (addToWindows !== undefined) buffer.windows = createStepWindows(grid.count);
        buffers.set(sample.key, buffer);
      }
      lastLabels = sample.labels;
      lastBuffer = buffer;
      counters.postFilterLines++;
      if (addToWindows !== undefined) {
        buffer.length++;
        addToWindows(buffer.windows as StepWindows, Number(entry.tsNs - baseNs), sample.value);
      } else if (totalsOnly) buffer.addTotal(sample.value);
      else buffer.push(Number(entry.tsNs - baseNs), sample.value);
    }
  }
  return [...buffers.values()];
}
