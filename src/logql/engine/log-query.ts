import type { Labels } from '../../core/index.js';
import type { LogSelectorExpr } from '../syntax/ast.js';
import type { StreamPipeline } from '../pipeline/types.js';
import type { EvalContext } from './eval-context.js';
import { createYieldPoint } from './yield-point.js';
import type { QueryRequest, StreamsResult } from './types.js';

interface Candidate {
  readonly tsNs: bigint;
  readonly line: string;
  readonly labels: Labels;
  readonly key: string;
}

type OutStream = { readonly labels: Labels; readonly key: string; readonly entries: { readonly tsNs: bigint; readonly line: string }[] };

/**
 * A log query over `[start, end)`: each stored stream goes through the
 * pipeline (compiled once per stream); the `limit` entries nearest `end`
 * (backward) or `start` (forward) across all result streams are kept, with
 * Loki's `interval` sampling; identical (ts, line) entries of one result
 * stream are returned once; streams are sorted by their label text.
 */
export async function evaluateLogQuery(expr: LogSelectorExpr, req: QueryRequest, ctx: EvalContext): Promise<StreamsResult> {
  const pipeline = ctx.compiler.compileLogPipeline(expr);
  const lineFilter = ctx.compiler.leadingLineFilter(expr);
  const limit = req.limit;
  const backward = req.direction === 'backward';
  const intervalNs = BigInt(Math.round((req.intervalMs ?? 0) * 1e6));
  // With interval sampling, later entries of a stream may make the cut: no per-stream early stop.
  const perStreamCap = intervalNs > 0n ? Infinity : limit;
  const perStream = new Map<string, { pipeline: StreamPipeline; accepted: number }>();
  const candidates: Candidate[] = [];
  const counters = ctx.counters;
  const batches = ctx.querier.selectLogs({
    tenant: req.tenant,
    selector: expr.selector,
    startNs: req.startNs,
    endNs: req.endNs,
    direction: req.direction,
    lineFilter,
    limitPerStream: perStreamCap !== Infinity && onlyLeadingFiltersDrop(expr, lineFilter !== undefined) ? limit : undefined,
    signal: req.signal,
  });
  const yieldPoint = createYieldPoint();
  for await (const batch of batches) {
    ctx.signal?.throwIfAborted();
    await yieldPoint();
    let state = perStream.get(batch.key);
    if (state === undefined) {
      state = { pipeline: pipeline.forStream(batch.labels), accepted: 0 };
      perStream.set(batch.key, state);
    }
    if (state.accepted >= perStreamCap) continue;
    const filter = batch.filtered ? undefined : lineFilter;
    for (const entry of batch.entries) {
      counters.linesProcessed++;
      counters.bytesProcessed += entry.line.length;
      if (filter !== undefined && !filter(entry.line)) continue;
      const out = state.pipeline.process(entry.tsNs, entry.line, entry.metadata);
      if (out === undefined) continue;
      counters.postFilterLines++;
      candidates.push({ tsNs: entry.tsNs, line: out.line, labels: out.labels, key: out.key });
      // Entries of one stored stream arrive in direction order: later ones cannot make the cut.
      if (++state.accepted >= perStreamCap) break;
    }
  }
  candidates.sort((a, b) => {
    if (a.tsNs !== b.tsNs) return (a.tsNs < b.tsNs) !== backward ? -1 : 1;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  const streams = selectEntries(candidates, limit, backward, intervalNs);
  counters.entriesReturned = streams.reduce((n, s) => n + s.entries.length, 0);
  return { resultType: 'streams', streams };
}

/** Applies dedup, `interval` and `limit` to candidates in result order, then groups them into sorted streams. */
function selectEntries(candidates: readonly Candidate[], limit: number, backward: boolean, intervalNs: bigint): OutStream[] {
  const streams = new Map<string, OutStream>();
  let returned = 0;
  let lastTs: bigint | undefined;
  let sameTs = new Set<string>();
  let sameTsValue: bigint | undefined;
  for (const c of candidates) {
    if (returned >= limit) break;
    if (c.tsNs !== sameTsValue) {
      sameTs = new Set();
      sameTsValue = c.tsNs;
    }
    const identity = `${c.key}\u0000${c.line}`;
    if (sameTs.has(identity)) continue;
    sameTs.add(identity);
    if (intervalNs > 0n && lastTs !== undefined) {
      const due = backward ? c.tsNs <= lastTs - intervalNs : c.tsNs >= lastTs + intervalNs;
      if (!due) continue;
    }
    let stream = streams.get(c.key);
    if (stream === undefined) {
      stream = { labels: c.labels, key: c.key, entries: [] };
      streams.set(c.key, stream);
    }
    stream.entries.push({ tsNs: c.tsNs, line: c.line });
    lastTs = c.tsNs;
    returned++;
  }
  return [...streams.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Whether only the leading line filters can drop lines (so the store may stop
 * a stream after `limit` entries that pass them).
 */
function onlyLeadingFiltersDrop(expr: LogSelectorExpr, leadingPushedDown: boolean): boolean {
  let i = 0;
  if (leadingPushedDown) while (i < expr.stages.length && expr.stages[i]?.kind === 'LineFilter') i++;
  for (; i < expr.stages.length; i++) {
    const kind = expr.stages[i]?.kind;
    if (kind === 'LineFilter' || kind === 'LabelFilterStage') return false;
  }
  return true;
}
