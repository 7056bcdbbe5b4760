import type { Labels } from '../../core/index.js';
import type { LogEntry } from '../../logql/index.js';
import type { ChunkMeta } from '../chunk/chunk-file.js';
import type { TokenBucket } from '../distributor/token-bucket.js';

/**
 * A chunk of one stream as the index sees it. While its file is being
 * written, `pinned` holds its decoded blocks (queries read them from memory);
 * once durable, `path` is set and blocks come from the chunk cache or disk.
 */
export interface ChunkRef {
  readonly meta: ChunkMeta;
  path: string | undefined;
  pinned: LogEntry[][] | undefined;
  /** Set when retention removed it; queries holding it skip it. */
  deleted: boolean;
}

/**
 * One stream: its labels, the in-memory head (entries in arrival order),
 * the chunks cut from it, and the state Loki's ingester keeps to validate
 * pushes (last line for dedup, highest timestamp for the out-of-order window).
 *
 * Two copies of that state exist: `validated*` advances when a push is
 * accepted (before its WAL write); `applied*` when its entries reach the
 * head (after the fsync). A failed WAL write resets the first to the second.
 */
export interface MemStream {
  readonly id: number;
  readonly tenant: string;
  readonly labels: Labels;
  readonly key: string;
  head: LogEntry[];
  /** The head is in time order with no entry repeating its predecessor exactly (readers need not sort or dedup). */
  headSorted: boolean;
  headBytes: number;
  headMinTsNs: bigint;
  headMaxTsNs: bigint;
  /** Seq of the first WAL record in the head (-1 when the head is empty). */
  headFirstSeq: number;
  headLastSeq: number;
  headCreatedMs: number;
  lastAppendMs: number;
  chunks: ChunkRef[];
  /** Highest `lastSeq` of this stream's durable chunks: replay skips records up to it. */
  flushedSeq: number;
  validatedLastTsNs: bigint;
  validatedLastLine: string | undefined;
  validatedHighestTsNs: bigint;
  appliedLastTsNs: bigint;
  appliedLastLine: string | undefined;
  appliedHighestTsNs: bigint;
  rate: TokenBucket | undefined;
}

export function createMemStream(id: number, tenant: string, labels: Labels, key: string): MemStream {
  return {
    id,
    tenant,
    labels,
    key,
    head: [],
    headSorted: true,
    headBytes: 0,
    headMinTsNs: 0n,
    headMaxTsNs: 0n,
    headFirstSeq: -1,
    headLastSeq: -1,
    headCreatedMs: 0,
    lastAppendMs: 0,
    chunks: [],
    flushedSeq: -1,
    validatedLastTsNs: -1n,
    validatedLastLine: undefined,
    validatedHighestTsNs: -1n,
    appliedLastTsNs: -1n,
    appliedLastLine: undefined,
    appliedHighestTsNs: -1n,
    rate: undefined,
  };
}

/** Appends accepted, durable entries to the head (arrival order) and advances the applied state. */
export function appendToHead(stream: MemStream, entries: readonly LogEntry[], seq: number, nowMs: number): void {
  if (entries.length === 0) return;
  const head = stream.head;
  if (head.length === 0) {
    stream.headFirstSeq = seq;
    stream.headCreatedMs = nowMs;
    stream.headMinTsNs = (entries[0] as LogEntry).tsNs;
    stream.headMaxTsNs = stream.headMinTsNs;
  }
  let min = stream.headMinTsNs;
  let max = stream.headMaxTsNs;
  let bytes = 0;
  // One bigint comparison per entry while the batch is in order (the common case);
  // min/max then follow from its ends.
  // Also whether an entry repeats its predecessor exactly (the head then needs deduplication).
  let inOrder = true;
  let repeats = false;
  const before = head.length > 0 ? (head[head.length - 1] as LogEntry) : undefined;
  let last = (entries[0] as LogEntry).tsNs;
  let lastLine: string | undefined = before?.line;
  if (before !== undefined && before.tsNs !== last) lastLine = undefined;
  for (const e of entries) {
    const ts = e.tsNs;
    if (ts < last) inOrder = false;
    else if (ts === last && e.line === lastLine) repeats = true;
    last = ts;
    lastLine = e.line;
    bytes += e.line.length;
    head.push(e);
  }
  const first = (entries[0] as LogEntry).tsNs;
  const tail = entries[entries.length - 1] as LogEntry;
  const prevLast = before !== undefined ? before.tsNs : first;
  let sorted = stream.headSorted && inOrder && !repeats && first >= prevLast;
  if (inOrder) {
    if (first < min) min = first;
    if (tail.tsNs > max) max = tail.tsNs;
  } else {
    sorted = false;
    for (const e of entries) {
      if (e.tsNs < min) min = e.tsNs;
      if (e.tsNs > max) max = e.tsNs;
    }
  }
  stream.headSorted = sorted;
  stream.headMinTsNs = min;
  stream.headMaxTsNs = max;
  stream.headBytes += bytes;
  stream.headLastSeq = seq;
  stream.lastAppendMs = nowMs;
  stream.appliedLastTsNs = tail.tsNs;
  stream.appliedLastLine = tail.line;
  if (max > stream.appliedHighestTsNs) stream.appliedHighestTsNs = max;
}

/**
 * Sorts by time (stable, so arrival order breaks ties) and drops identical
 * (ts, line) repeats. `alreadyDone`: the entries are known sorted without
 * repeats (a head with `headSorted`), returned as they are.
 */
export function sortAndDedup(entries: LogEntry[], alreadyDone: boolean): LogEntry[] {
  if (alreadyDone) return entries;
  const sorted = entries.slice().sort(compareEntries);
  let dup = false;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as LogEntry;
    const b = sorted[i] as LogEntry;
    if (a.tsNs === b.tsNs && a.line === b.line) {
      dup = true;
      break;
    }
  }
  if (!dup) return sorted;
  const out: LogEntry[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.tsNs === e.tsNs && prev.line === e.line) continue;
    out.push(e);
  }
  return out;
}

function compareEntries(a: LogEntry, b: LogEntry): number {
  return a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0;
}

export { compareEntries };
