import { WatchpostError } from '../../core/index.js';
import type { LogEntry } from '../../logql/index.js';
import { formatGoTimeString, formatRfc3339 } from '../distributor/go-time.js';
import { joinValidationErrors, pushMessages } from '../distributor/messages.js';
import { createTokenBucket } from '../distributor/token-bucket.js';
import { validatePush } from '../distributor/validate-push.js';
import { limitsForTenant, type IngestLimits, type ResolvedStoreOptions } from '../store-options.js';
import type { PushStream } from '../types.js';
import { encodeWalRecord, type WalStream } from '../wal/wal-record.js';
import type { WalWriter } from '../wal/wal-writer.js';
import type { Flusher } from './flusher.js';
import { appendToHead, type MemStream } from './mem-stream.js';
import type { TailHub } from './tail-hub.js';
import type { TenantRegistry, TenantState } from './tenant-state.js';

export interface PushDeps {
  readonly options: ResolvedStoreOptions;
  readonly tenants: TenantRegistry;
  readonly flusher: Flusher;
  readonly tail: TailHub;
  readonly wal: () => WalWriter;
  readonly takeSeq: () => number;
}

interface StreamFailure {
  readonly entry: LogEntry;
  readonly reason: string;
  readonly rateLimited: boolean;
}

/**
 * Loki's push path in one function: distributor validation (labels, sizes,
 * timestamps), the tenant rate limit (all or nothing, 429), then per stream
 * what the ingester checks (dedup against the last line, the per-stream
 * rate, the out-of-order window). The accepted entries become one WAL
 * record; the promise resolves after its fsync, and only then are the
 * entries put in the heads (visible to queries) and sent to tailers. If any
 * entry was refused, the push rejects with Loki's text after the accepted
 * ones are durable.
 */
export async function pushEntries(deps: PushDeps, tenantName: string, streams: readonly PushStream[]): Promise<void> {
  const { options } = deps;
  if (streams.length === 0) {
    throw new WatchpostError('ERR_INGEST_INVALID', pushMessages.missingStreams(), { details: { status: 422 } });
  }
  const nowMs = options.now();
  const limits = limitsForTenant(options, tenantName);
  const tenant = deps.tenants.getOrCreate(tenantName);
  const validated = validatePush(streams, limits, nowMs, tenant.labelCache);
  if (validated.lines > 0) {
    tenant.rate ??= createTokenBucket(limits.ingestionRateBytes, limits.ingestionBurstBytes, nowMs);
    if (!tenant.rate.allow(validated.bytes, nowMs)) {
      throw new WatchpostError('ERR_INGEST_RATE_LIMITED', pushMessages.rateLimited(tenantName, limits.ingestionRateBytes, validated.lines, validated.bytes));
    }
  }
  const accepted: WalStream[] = [];
  const targets: MemStream[] = [];
  let ingesterError: WatchpostError | undefined;
  for (const vs of validated.streams) {
    let stream = tenant.streams.get(vs.key);
    if (stream === undefined) {
      if (limits.maxStreamsPerTenant > 0 && tenant.streams.size >= limits.maxStreamsPerTenant && countActiveStreams(tenant) >= limits.maxStreamsPerTenant) {
        ingesterError = new WatchpostError('ERR_INGEST_RATE_LIMITED', pushMessages.streamLimit(vs.key, tenantName));
        continue;
      }
      stream = deps.tenants.stream(tenant, vs.labels, vs.key);
    }
    const result = admitEntries(stream, vs.entries, vs.sizes, vs.lineBytes, limits, nowMs);
    if (result.failures.length > 0) ingesterError = streamError(tenantName, stream, result.failures, vs.entries.length, limits);
    if (result.entries.length > 0) {
      accepted.push({ labels: stream.labels, entries: result.entries, lineBytes: result.lineBytes });
      targets.push(stream);
    }
  }
  if (accepted.length > 0) {
    const seq = deps.takeSeq();
    let record: Buffer;
    try {
      record = encodeWalRecord({ seq, tenant: tenantName, streams: accepted });
    } catch (err) {
      // Nothing was written: forget what this push advanced.
      resetValidatedState(deps.tenants);
      throw err;
    }
    await deps.wal().append(record, seq);
    applyAccepted(deps, tenant, targets, accepted, seq);
  }
  if (ingesterError !== undefined) throw ingesterError;
  if (validated.errors.length > 0) throw new WatchpostError('ERR_INGEST_INVALID', joinValidationErrors(validated.errors));
}

/** Streams with entries in memory: Loki's "active" streams (flushed, idle ones do not count). */
function countActiveStreams(tenant: TenantState): number {
  let n = 0;
  for (const s of tenant.streams.values()) if (s.head.length > 0 || s.validatedHighestTsNs > s.appliedHighestTsNs) n++;
  return n;
}

function applyAccepted(deps: PushDeps, tenant: TenantState, targets: MemStream[], accepted: WalStream[], seq: number): void {
  const nowMs = deps.options.now();
  const tailing = deps.tail.hasSubscribers(tenant.name);
  let oldest: bigint | undefined;
  for (let i = 0; i < targets.length; i++) {
    const stream = targets[i] as MemStream;
    const entries = (accepted[i] as WalStream).entries;
    for (const e of entries) if (oldest === undefined || e.tsNs < oldest) oldest = e.tsNs;
    const before = stream.headBytes;
    appendToHead(stream, entries, seq, nowMs);
    deps.flusher.noteHeadGrowth(stream.headBytes - before);
    if (tailing) deps.tail.publish(tenant.name, stream.labels, entries);
    if (stream.headBytes >= deps.options.maxChunkBytes) deps.flusher.cutHead(stream, 'full');
  }
  // In the same synchronous step as the head appends: a reader that read the version before cannot miss them.
  if (oldest !== undefined) tenant.writes.record(oldest);
}

function admitEntries(
  stream: MemStream,
  entries: LogEntry[],
  sizes: readonly number[],
  lineBytes: number[],
  limits: IngestLimits,
  nowMs: number,
): { entries: LogEntry[]; lineBytes: number[]; failures: StreamFailure[] } {
  const failures: StreamFailure[] = [];
  const windowNs = (BigInt(limits.maxChunkAgeMs) * 1_000_000n) / 2n;
  let lastTs = stream.validatedLastTsNs;
  let lastLine = stream.validatedLastLine;
  let highest = stream.validatedHighestTsNs;
  if (limits.perStreamRateBytes > 0) stream.rate ??= createTokenBucket(limits.perStreamRateBytes, limits.perStreamBurstBytes, nowMs);
  // The common push keeps every entry: hand back the validated arrays, copying only from the first skip on.
  let out: LogEntry[] | undefined;
  let outBytes: number[] | undefined;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as LogEntry;
    if (e.tsNs === lastTs && e.line === lastLine) {
      if (out === undefined) [out, outBytes] = [entries.slice(0, i), lineBytes.slice(0, i)];
      continue;
    }
    const size = sizes[i] as number;
    if (stream.rate !== undefined && !stream.rate.allow(size, nowMs)) {
      failures.push({ entry: e, reason: streamRateReason(limits, stream.key, size), rateLimited: true });
      if (out === undefined) [out, outBytes] = [entries.slice(0, i), lineBytes.slice(0, i)];
      continue;
    }
    if (e.tsNs < highest && highest >= 0n && e.tsNs < highest - windowNs) {
      failures.push({ entry: e, reason: pushMessages.tooFarBehind(formatRfc3339(e.tsNs), formatRfc3339(highest - windowNs)), rateLimited: false });
      if (out === undefined) [out, outBytes] = [entries.slice(0, i), lineBytes.slice(0, i)];
      continue;
    }
    lastTs = e.tsNs;
    lastLine = e.line;
    if (e.tsNs > highest) highest = e.tsNs;
    if (out !== undefined) {
      out.push(e);
      (outBytes as number[]).push(lineBytes[i] as number);
    }
  }
  stream.validatedLastTsNs = lastTs;
  stream.validatedLastLine = lastLine;
  stream.validatedHighestTsNs = highest;
  return { entries: out ?? entries, lineBytes: outBytes ?? lineBytes, failures };
}

function streamRateReason(limits: IngestLimits, key: string, bytes: number): string {
  return pushMessages.streamRateLimited(limits.perStreamRateBytes, key, bytes);
}

function streamError(tenant: string, stream: MemStream, failures: readonly StreamFailure[], total: number, limits: IngestLimits): WatchpostError {
  const last = failures[failures.length - 1] as StreamFailure;
  const shown = limits.maxReturnedStreamErrors > 0 ? failures.slice(0, limits.maxReturnedStreamErrors) : failures;
  let text = '';
  for (const f of shown) text += pushMessages.entryIgnored(formatGoTimeString(f.entry.tsNs), f.reason);
  text += pushMessages.streamIgnoredSummary(tenant, failures.length, total, stream.key);
  return new WatchpostError(last.rateLimited ? 'ERR_INGEST_RATE_LIMITED' : 'ERR_INGEST_INVALID', text);
}

/** After a failed WAL write: forget what was validated but never made durable. */
export function resetValidatedState(tenants: TenantRegistry): void {
  for (const t of tenants.all()) {
    for (const s of t.streams.values()) {
      s.validatedLastTsNs = s.appliedLastTsNs;
      s.validatedLastLine = s.appliedLastLine;
      s.validatedHighestTsNs = s.appliedHighestTsNs;
    }
  }
}

