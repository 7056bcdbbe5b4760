import type { Labels } from '../../core/index.js';
import type { LogSelectorExpr } from '../syntax/ast.js';
import type { ProcessedLine, StreamPipeline } from '../pipeline/types.js';
import type { EvalContext } from './eval-context.js';
import { createYieldPoint } from './yield-point.js';
import type { QueryRequest, StreamsResult } from './types.js';

interface Candidate {
  readonly tsNs: bigint;
  readonly line: string;
  /** The pipeline's output: its label object is only built for entries that make the answer. */
  readonly out: ProcessedLine;
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
  const perStream = new Map<string, StreamState>();
  let candidates: Candidate[] = [];
  const compare = (a: Candidate, b: Candidate): number => {
    if (a.tsNs !== b.tsNs) return (a.tsNs < b.tsNs) !== backward ? -1 : 1;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  };
  // Without interval sampling, once `limit` distinct entries are held, an
  // entry past the cut-off (the time of the limit-th best) cannot make the
  // answer, and neither can the rest of its stream (entries come in direction order).
  let cutoffNs: bigint | undefined;
  const pruneAt = Math.max(2 * limit, 1024);
  const counters = ctx.counters;
  const batches = ctx.querier.selectLogs({
    tenant: req.tenant,
    selector: expr.selector,
    startNs: req.startNs,
    endNs: req.endNs,
    direction: req.direction,
    lineFilter,
    limitPerStream: perStreamCap !== Infinity && onlyLeadingFiltersDrop(expr, lineFilter !== undefined) ? limit : undefined,
    isStreamDone: (key) => perStream.get(key)?.done === true,
    signal: req.signal,
  });
  const yieldPoint = createYieldPoint();
  for await (const batch of batches) {
    ctx.signal?.throwIfAborted();
    await yieldPoint();
    let state = perStream.get(batch.key);
    if (state === undefined) {
      state = { pipeline: pipeline.forStream(batch.labels), accepted: 0, done: false, lastTsNs: undefined, last: undefined, idsAtLastTs: undefined };
      perStream.set(batch.key, state);
    }
    if (state.done) continue;
    const filter = batch.filtered ? undefined : lineFilter;
    for (const entry of batch.entries) {
      if (cutoffNs !== undefined && (backward ? entry.tsNs < cutoffNs : entry.tsNs > cutoffNs)) {
        state.done = true;
        break;
      }
      counters.linesProcessed++;
      counters.bytesProcessed += entry.line.length;
      if (filter !== undefined && !filter(entry.line)) continue;
      const out = state.pipeline.process(entry.tsNs, entry.line, entry.metadata);
      if (out === undefined) continue;
      // Entries of one stored stream arrive in direction order: once `limit`
      // distinct ones are held, later times cannot make the cut (equal ones may win on labels).
      if (state.accepted >= perStreamCap && entry.tsNs !== state.lastTsNs) {
        state.done = true;
        break;
      }
      counters.postFilterLines++;
      const c: Candidate = { tsNs: entry.tsNs, line: out.line, out, key: out.key };
      candidates.push(c);
      countDistinct(state, c);
    }
    if (intervalNs === 0n && candidates.length >= pruneAt) {
      candidates.sort(compare);
      const best = keepBest(candidates, limit);
      if (best !== undefined) {
        candidates = best;
        cutoffNs = (best[best.length - 1] as Candidate).tsNs;
      }
    }
  }
  candidates.sort(compare);
  const streams = selectEntries(candidates, limit, backward, intervalNs);
  counters.entriesReturned = streams.reduce((n, s) => n + s.entries.length, 0);
  return { resultType: 'streams', streams };
}

interface StreamState {
  readonly pipeline: StreamPipeline;
  /** Distinct entries held (exact duplicates, which the answer shows once, are not counted). */
  accepted: number;
  done: boolean;
  lastTsNs: bigint | undefined;
  last: Candidate | undefined;
  /** Identities of the entries at lastTsNs, built once a second one has that time. */
  idsAtLastTs: Set<string> | undefined;
}

function countDistinct(state: StreamState, c: Candidate): void {
  if (c.tsNs !== state.lastTsNs) {
    state.lastTsNs = c.tsNs;
    state.idsAtLastTs = undefined;
    state.accepted++;
  } else {
    const last = state.last as Candidate;
    state.idsAtLastTs ??= new Set([`${last.key}\u0000${last.line}`]);
    const id = `${c.key}\u0000${c.line}`;
    if (!state.idsAtLastTs.has(id)) {
      state.idsAtLastTs.add(id);
      state.accepted++;
    }
  }
  state.last = c;
}

/**
 * The sorted candidates up to the limit-th distinct (ts, labels, line) entry,
 * plus every later one with that same timestamp (ties are ordered by labels,
 * which later entries may still beat); undefined when there are fewer than
 * `limit` distinct entries.
 */
function keepBest(sorted: Candidate[], limit: number): Candidate[] | undefined {
  let distinct = 0;
  // Identities are only built for entries sharing a timestamp (exact duplicates need one).
  let sameTs: Set<string> | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i] as Candidate;
    const prev = sorted[i - 1];
    if (prev === undefined || c.tsNs !== prev.tsNs) {
      if (distinct >= limit) return sorted.slice(0, i);
      sameTs = undefined;
      distinct++;
      continue;
    }
    sameTs ??= new Set([`${prev.key}\u0000${prev.line}`]);
    const identity = `${c.key}\u0000${c.line}`;
    if (!sameTs.has(identity)) {
      sameTs.add(identity);
      distinct++;
    }
  }
  return distinct >= limit ? sorted : undefined;
}

/** Applies dedup, `interval` and `limit` to candidates in result order, then groups them into sorted streams. */
function selectEntries(candidates: readonly Candidate[], limit: number, backward: boolean, intervalNs: bigint): OutStream[] {
  const streams = new Map<string, OutStream>();
  let returned = 0;
  let lastTs: bigint | undefined;
  let sameTs: Set<string> | undefined;
  let sameTsValue: bigint | undefined;
  let first: Candidate | undefined;
  for (const c of candidates) {
    if (returned >= limit) break;
    // Exact duplicates share a timestamp: identities are only built among entries that do.
    if (c.tsNs !== sameTsValue) {
      sameTs = undefined;
      sameTsValue = c.tsNs;
      first = c;
    } else {
      sameTs ??= new Set([`${(first as Candidate).key}\u0000${(first as Candidate).line}`]);
      const identity = `${c.key}\u0000${c.line}`;
      if (sameTs.has(identity)) continue;
      sameTs.add(identity);
    }
    if (intervalNs > 0n && lastTs !== undefined) {
      const due = backward ? c.tsNs <= lastTs - intervalNs : c.tsNs >= lastTs + intervalNs;
      if (!due) continue;
    }
    let stream = streams.get(c.key);
    if (stream === undefined) {
      stream = { labels: c.out.labels, key: c.key, entries: [] };
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
