import type { LogEntry, SelectLogsParams, StreamEntries } from '../../logql/index.js';
import type { ChunkCache } from './chunk-cache.js';
import { sortAndDedup, type ChunkRef, type MemStream } from './mem-stream.js';
import type { TenantRegistry } from './tenant-state.js';

/** Hides entries removed by delete requests: true = drop. */
export type EntryMask = (tsNs: bigint, line: string) => boolean;

export interface SelectDeps {
  readonly tenants: TenantRegistry;
  readonly cache: ChunkCache;
  /** The delete-request mask for one stream, or undefined when none applies. */
  readonly maskFor: (tenant: string, stream: MemStream) => EntryMask | undefined;
}

const batchSize = 4096;

/** A consistent view of one stream taken when the query starts. */
interface StreamSnapshot {
  readonly stream: MemStream;
  readonly chunks: ChunkRef[];
  readonly head: readonly LogEntry[];
  readonly headLength: number;
  readonly headSorted: boolean;
  readonly headMinTsNs: bigint;
  readonly headMaxTsNs: bigint;
}

/**
 * The store's `Querier.selectLogs`: only the streams the postings index
 * selects, only the chunks and blocks whose time bounds meet
 * [startNs, endNs), the line filter applied while reading (`filtered: true`),
 * and reading stops once `limitPerStream` entries are out. Streams whose
 * chunks and head do not overlap in time are read one block at a time;
 * overlapping ones (out-of-order writes) are merged and deduplicated.
 */
export async function* selectLogs(deps: SelectDeps, params: SelectLogsParams): AsyncGenerator<StreamEntries> {
  const tenant = deps.tenants.get(params.tenant);
  if (tenant === undefined) return;
  const { startNs, endNs } = params;
  if (endNs <= startNs) return;
  const snapshots: StreamSnapshot[] = [];
  for (const stream of tenant.postings.select(params.selector)) {
    const chunks = stream.chunks.filter((c) => !c.deleted && c.meta.maxTsNs >= startNs && c.meta.minTsNs < endNs);
    const headLength = stream.head.length;
    const headHit = headLength > 0 && stream.headMaxTsNs >= startNs && stream.headMinTsNs < endNs;
    if (chunks.length === 0 && !headHit) continue;
    snapshots.push({
      stream,
      chunks,
      head: headHit ? stream.head : [],
      headLength: headHit ? headLength : 0,
      headSorted: stream.headSorted,
      headMinTsNs: stream.headMinTsNs,
      headMaxTsNs: stream.headMaxTsNs,
    });
  }
  for (const snap of snapshots) {
    params.signal?.throwIfAborted();
    yield* selectStream(deps, params, snap);
  }
}

interface Span {
  readonly minTsNs: bigint;
  readonly maxTsNs: bigint;
  readonly chunk: ChunkRef | undefined;
}

async function* selectStream(deps: SelectDeps, params: SelectLogsParams, snap: StreamSnapshot): AsyncGenerator<StreamEntries> {
  const { stream } = snap;
  const spans: Span[] = snap.chunks.map((c) => ({ minTsNs: c.meta.minTsNs, maxTsNs: c.meta.maxTsNs, chunk: c }));
  if (snap.headLength > 0) spans.push({ minTsNs: snap.headMinTsNs, maxTsNs: snap.headMaxTsNs, chunk: undefined });
  spans.sort((a, b) => (a.minTsNs < b.minTsNs ? -1 : a.minTsNs > b.minTsNs ? 1 : 0));
  let overlapping = false;
  for (let i = 1; i < spans.length; i++) if ((spans[i] as Span).minTsNs <= (spans[i - 1] as Span).maxTsNs) overlapping = true;
  const mask = deps.maskFor(params.tenant, stream);
  const filter = params.lineFilter;
  const limit = params.limitPerStream ?? Infinity;
  const backward = params.direction === 'backward';
  const base = { labels: stream.labels, key: stream.key, filtered: filter !== undefined };

  if (overlapping) {
    const parts: (readonly LogEntry[])[] = [];
    for (const span of spans) for (const block of await readSpan(deps, snap, span, params)) parts.push(inRange(block, params.startNs, params.endNs));
    const all = sortAndDedup(parts.flat(), false);
    const picked = pick(all, filter, mask, limit, backward);
    for (let i = 0; i < picked.length; i += batchSize) yield { ...base, entries: picked.slice(i, i + batchSize) };
    return;
  }

  let remaining = limit;
  const ordered = backward ? spans.reverse() : spans;
  for (const span of ordered) {
    // The engine may have all it can use from this stream (a log query's limit): stop decoding.
    if (params.isStreamDone?.(stream.key)) return;
    const blocks = await readSpan(deps, snap, span, params);
    if (backward) blocks.reverse();
    for (const block of blocks) {
      const ranged = inRange(block, params.startNs, params.endNs);
      if (ranged.length === 0) continue;
      const entries = pick(ranged, filter, mask, remaining, backward);
      if (entries.length === 0) continue;
      remaining -= entries.length;
      yield { ...base, entries };
      if (remaining <= 0 || params.isStreamDone?.(stream.key)) return;
    }
  }
}

/** The time-sorted blocks of a span that meet the query range. */
async function readSpan(deps: SelectDeps, snap: StreamSnapshot, span: Span, params: SelectLogsParams): Promise<LogEntry[][]> {
  const chunk = span.chunk;
  if (chunk === undefined) {
    return [snap.headSorted ? snap.head.slice(0, snap.headLength) : sortHeadOnce(snap)];
  }
  const indexes: number[] = [];
  chunk.meta.blocks.forEach((b, i) => {
    if (b.maxTsNs >= params.startNs && b.minTsNs < params.endNs) indexes.push(i);
  });
  const blocks = await deps.cache.blocks(chunk, indexes);
  return blocks.filter((b): b is LogEntry[] => b !== undefined);
}

/**
 * The snapshot's head sorted and deduplicated. When the stream's head has
 * not changed since the snapshot, the sorted array replaces it (same entries
 * but exact repeats, which no query shows; headBytes keeps counting them
 * until the cut): concurrent pushers leave heads
 * slightly out of order, and every later query would sort them again.
 */
function sortHeadOnce(snap: StreamSnapshot): LogEntry[] {
  const { stream } = snap;
  const sorted = sortAndDedup(snap.head.slice(0, snap.headLength) as LogEntry[], false);
  if (stream.head === snap.head && stream.head.length === snap.headLength && !stream.headSorted) {
    stream.head = sorted.slice();
    stream.headSorted = true;
  }
  return sorted;
}

/** The sub-array with startNs <= tsNs < endNs of a time-sorted block (the block itself when all of it is in range). */
function inRange(block: readonly LogEntry[], startNs: bigint, endNs: bigint): readonly LogEntry[] {
  const n = block.length;
  if (n === 0) return block;
  if ((block[0] as LogEntry).tsNs >= startNs && (block[n - 1] as LogEntry).tsNs < endNs) return block;
  const lo = lowerBound(block, startNs);
  const hi = lowerBound(block, endNs);
  return block.slice(lo, hi);
}

function lowerBound(block: readonly LogEntry[], tsNs: bigint): number {
  let lo = 0;
  let hi = block.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((block[mid] as LogEntry).tsNs < tsNs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Applies filter and mask, takes at most `limit` entries from the direction's end, in direction order. */
function pick(
  sorted: readonly LogEntry[],
  filter: ((line: string) => boolean) | undefined,
  mask: ((tsNs: bigint, line: string) => boolean) | undefined,
  limit: number,
  backward: boolean,
): LogEntry[] {
  const n = sorted.length;
  if (filter === undefined && mask === undefined && limit >= n) {
    if (!backward) return sorted as LogEntry[];
    const out = new Array<LogEntry>(n);
    for (let i = 0; i < n; i++) out[i] = sorted[n - 1 - i] as LogEntry;
    return out;
  }
  const out: LogEntry[] = [];
  for (let k = 0; k < n && out.length < limit; k++) {
    const e = sorted[backward ? n - 1 - k : k] as LogEntry;
    if (filter !== undefined && !filter(e.line)) continue;
    if (mask !== undefined && mask(e.tsNs, e.line)) continue;
    out.push(e);
  }
  return out;
}
