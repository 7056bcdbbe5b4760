import type { Labels } from '../../core/index.js';
import type { Grouping, RangeAggregation } from '../syntax/ast.js';
import { printExpr } from '../syntax/index.js';
import type { SampleExtractor, StreamSampleExtractor } from '../pipeline/types.js';
import type { EvalContext } from './eval-context.js';
import type { LogEntry, StreamEntries } from './querier.js';
import { SampleBuffer } from './sample-buffer.js';
import type { ScanResult } from './scan-job.js';
import type { ScanPool } from './scan-pool.js';
import { createStepWindows, type StepWindows } from './step-windows.js';
import { createYieldPoint } from './yield-point.js';

/** What loadSamples keeps per series: count and sum, per-step windows, or every sample. */
export type LoadMode =
  | { readonly kind: 'totals' }
  | { readonly kind: 'windows'; readonly add: (w: StepWindows, relNs: number, value: number) => void }
  | { readonly kind: 'samples' };

export interface LoadRequest {
  readonly extractor: SampleExtractor;
  /** The grouping `extractor` was compiled with (a scan worker compiles the same one). */
  readonly outerGrouping: Grouping | undefined;
  /** Entries with startNs <= ts < endNs. */
  readonly startNs: bigint;
  readonly endNs: bigint;
  /** Sample timestamps are kept as ns after this. */
  readonly baseNs: bigint;
  readonly mode: LoadMode;
}

/**
 * A scan hands batches to the worker thread only after this many entries
 * (short scans never pay the hand-off), then keeps at most `maxInFlight`
 * batches there and scans the others itself, so both threads stay busy
 * whichever is faster.
 */
const offloadAfterEntries = 16_384;
const minOffloadBatch = 512;
const maxInFlight = 6;

/** Reads every entry of the request's range once, grouping samples by output series. */
export async function loadSamples(node: RangeAggregation, ctx: EvalContext, req: LoadRequest): Promise<SampleBuffer[]> {
  const { extractor, mode, baseNs } = req;
  const lineFilter = ctx.compiler.leadingLineFilter(node.range.selector);
  const perStream = new Map<string, StreamSampleExtractor>();
  const sink = new SampleSink(mode, ctx.grid.count);
  const counters = ctx.counters;
  const batches = ctx.querier.selectLogs({
    tenant: ctx.tenant,
    selector: node.range.selector.selector,
    startNs: req.startNs,
    endNs: req.endNs,
    direction: 'forward',
    lineFilter,
    signal: ctx.signal,
  });
  const scanLocally = (batch: StreamEntries): void => {
    let streamExtractor = perStream.get(batch.key);
    if (streamExtractor === undefined) {
      streamExtractor = extractor.forStream(batch.labels);
      perStream.set(batch.key, streamExtractor);
    }
    const filter = batch.filtered ? undefined : lineFilter;
    const entries = batch.entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as LogEntry;
      if (filter !== undefined && !filter(entry.line)) continue;
      const sample = streamExtractor.process(entry.tsNs, entry.line, entry.metadata);
      if (sample === undefined) continue;
      counters.postFilterLines++;
      sink.add(sample.labels, sample.key, Number(entry.tsNs - baseNs), sample.value);
    }
  };

  let pool: ScanPool | undefined;
  let poolAsked = false;
  let query = '';
  const inFlight: Promise<void>[] = [];
  let busy = 0;
  let scanned = 0;
  const yieldPoint = createYieldPoint();
  for await (const batch of batches) {
    ctx.signal?.throwIfAborted();
    await yieldPoint();
    const entries = batch.entries;
    counters.linesProcessed += entries.length;
    for (let i = 0; i < entries.length; i++) counters.bytesProcessed += (entries[i] as LogEntry).line.length;
    scanned += entries.length;
    if (!poolAsked && scanned > offloadAfterEntries && ctx.scanPool !== undefined) {
      poolAsked = true;
      pool = ctx.scanPool();
      query = printExpr(node);
    }
    if (pool !== undefined && pool.alive && busy < maxInFlight && entries.length >= minOffloadBatch) {
      busy++;
      inFlight.push(
        offload(pool, query, req, batch).then(
          (result) => {
            busy--;
            counters.postFilterLines += result.count;
            sink.addResult(result);
          },
          () => {
            // The worker failed or died: the batch is still here.
            busy--;
            scanLocally(batch);
          },
        ),
      );
      continue;
    }
    scanLocally(batch);
  }
  await Promise.all(inFlight);
  return sink.buffers();
}

function offload(pool: ScanPool, query: string, req: LoadRequest, batch: StreamEntries): Promise<ScanResult> {
  const entries = batch.entries;
  const n = entries.length;
  const ts = new BigInt64Array(n);
  const lines = new Array<string>(n);
  let metadata: (Labels | undefined)[] | undefined;
  for (let i = 0; i < n; i++) {
    const e = entries[i] as LogEntry;
    ts[i] = e.tsNs;
    lines[i] = e.line;
    if (e.metadata !== undefined) (metadata ??= new Array<Labels | undefined>(n))[i] = e.metadata;
  }
  return pool.run({ query, outerGrouping: req.outerGrouping, labels: batch.labels, applyLineFilter: !batch.filtered, baseNs: req.baseNs, ts, lines, metadata });
}

/** Where samples go, per output series, in the load mode's form. */
class SampleSink {
  readonly #buffers = new Map<string, SampleBuffer>();
  readonly #totalsOnly: boolean;
  readonly #addToWindows: ((w: StepWindows, relNs: number, value: number) => void) | undefined;
  readonly #steps: number;
  #lastLabels: Labels | undefined;
  #lastBuffer: SampleBuffer | undefined;

  constructor(mode: LoadMode, steps: number) {
    this.#totalsOnly = mode.kind === 'totals';
    this.#addToWindows = mode.kind === 'windows' ? mode.add : undefined;
    this.#steps = steps;
  }

  add(labels: Labels, key: string, relNs: number, value: number): void {
    let buffer = labels === this.#lastLabels ? this.#lastBuffer : this.#buffers.get(key);
    if (buffer === undefined) {
      buffer = new SampleBuffer(labels, key);
      if (this.#addToWindows !== undefined) buffer.windows = createStepWindows(this.#steps);
      this.#buffers.set(key, buffer);
    }
    this.#lastLabels = labels;
    this.#lastBuffer = buffer;
    if (this.#addToWindows !== undefined) {
      buffer.length++;
      this.#addToWindows(buffer.windows as StepWindows, relNs, value);
    } else if (this.#totalsOnly) buffer.addTotal(value);
    else buffer.push(relNs, value);
  }

  addResult(result: ScanResult): void {
    const { series, seriesIndex, rel, values } = result;
    for (let i = 0; i < result.count; i++) {
      const s = series[seriesIndex[i] as number] as { key: string; labels: Labels };
      this.add(s.labels, s.key, rel[i] as number, values[i] as number);
    }
  }

  buffers(): SampleBuffer[] {
    return [...this.#buffers.values()];
  }
}
