import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatLabels, WatchpostError } from '../core/index.js';
import type { SelectLogsParams, StreamEntries } from '../logql/index.js';
import { createChunkCache } from './ingester/chunk-cache.js';
import { createFlusher } from './ingester/flusher.js';
import { queryLabelNames, queryLabelValues, querySeries, queryStats } from './ingester/index-queries.js';
import { loadChunks } from './ingester/load-chunks.js';
import { appendToHead } from './ingester/mem-stream.js';
import { pushEntries, resetValidatedState } from './ingester/push-entries.js';
import { selectLogs } from './ingester/select-logs.js';
import { createTailHub } from './ingester/tail-hub.js';
import { createTenantRegistry } from './ingester/tenant-state.js';
import { applyRetention } from './retention/apply-retention.js';
import { loadDeleteRequests } from './retention/delete-requests.js';
import { processDeleteRequests } from './retention/process-deletes.js';
import { resolveStoreOptions, type StoreOptions } from './store-options.js';
import type { WatchpostStore } from './types.js';
import { replayWal } from './wal/wal-replay.js';
import { createWalWriter, type WalWriter } from './wal/wal-writer.js';

/**
 * Opens (or creates) the store in `options.dataDir`: loads the chunk index,
 * replays the WAL past what chunks already hold, and starts the writer.
 * Layout: `wal/` segments, `chunks/<tenant>/` chunk files,
 * `delete-requests.json`. See FORMAT.md.
 */
export async function createStore(storeOptions: StoreOptions = {}): Promise<WatchpostStore> {
  const options = resolveStoreOptions(storeOptions);
  const logger = options.logger;
  const walDir = join(options.dataDir, 'wal');
  const chunksDir = join(options.dataDir, 'chunks');
  await mkdir(walDir, { recursive: true });
  const tenants = createTenantRegistry();
  const cache = createChunkCache(options.chunkCacheBytes);
  const tail = createTailHub();
  const deletes = await loadDeleteRequests(options.dataDir);
  let nextSeq = 0;
  const walRef: { current?: WalWriter } = {};
  const flusher = createFlusher({ options, tenants, cache, wal: () => walRef.current, nextSeq: () => nextSeq, logger });

  const loaded = await loadChunks(chunksDir, tenants, logger);
  const replayNowMs = options.now();
  const replay = await replayWal(
    walDir,
    (record) => {
      const tenant = tenants.getOrCreate(record.tenant);
      for (const ws of record.streams) {
        const stream = tenants.stream(tenant, ws.labels, formatLabels(ws.labels));
        if (record.seq <= stream.flushedSeq) continue;
        const before = stream.headBytes;
        appendToHead(stream, ws.entries, record.seq, replayNowMs);
        flusher.noteHeadGrowth(stream.headBytes - before);
        stream.validatedLastTsNs = stream.appliedLastTsNs;
        stream.validatedLastLine = stream.appliedLastLine;
        stream.validatedHighestTsNs = stream.appliedHighestTsNs;
        if (stream.headBytes >= options.maxChunkBytes) flusher.cutHead(stream, 'full');
      }
    },
    logger,
  );
  nextSeq = Math.max(loaded.lastSeq, replay.lastSeq) + 1;
  const writer = createWalWriter({
    dir: walDir,
    firstIndex: replay.nextIndex,
    existing: replay.segments,
    segmentBytes: options.walSegmentBytes,
    fsync: options.fsync,
    preallocate: options.walPreallocate,
    onWriteFailure: () => resetValidatedState(tenants),
  });
  walRef.current = writer;
  logger?.info('store opened', { dataDir: options.dataDir, chunks: loaded.chunks, walRecords: replay.records, tornSegments: replay.tornSegments });

  const retentionPolicy = {
    periodFor: (tenant: string) => options.tenantRetentionPeriodMs[tenant] ?? options.retentionPeriodMs,
  };
  let closed = false;
  let maintaining: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (maintaining !== undefined || closed) return;
    flusher.maintain(options.now());
    maintaining = removeExpired()
      .then(removeDeleted)
      .catch((err: unknown) => logger?.warn('retention failed', { err: String(err) }))
      .finally(() => (maintaining = undefined));
  }, options.maintenanceIntervalMs);
  timer.unref();

  /** Retention, then a new write version for every tenant when anything was removed. */
  async function removeExpired(): Promise<{ chunksDeleted: number; streamsRemoved: number }> {
    const result = await applyRetention({ tenants, cache, logger }, retentionPolicy, options.now());
    if (result.chunksDeleted > 0) for (const t of tenants.all()) t.writes.invalidate();
    return result;
  }

  /** Applies due delete requests to chunks (their entries were hidden since the request), likewise. */
  async function removeDeleted(): Promise<{ processed: number; chunksRewritten: number }> {
    const result = await processDeleteRequests({ tenants, cache, options, logger }, deletes, options.now() - options.deleteRequestCancelPeriodMs);
    if (result.processed > 0) for (const t of tenants.all()) t.writes.invalidate();
    return result;
  }

  function assertOpen(): void {
    if (closed) throw new WatchpostError('ERR_STORE_UNAVAILABLE', 'the store is closed');
  }

  const pushDeps = { options, tenants, flusher, tail, wal: () => writer, takeSeq: () => nextSeq++ };

  return {
    async push(tenant, streams) {
      assertOpen();
      await pushEntries(pushDeps, tenant, streams);
    },
    selectLogs(params: SelectLogsParams): AsyncIterable<StreamEntries> {
      assertOpen();
      return selectLogs({ tenants, cache, maskFor: (t, stream) => deletes.maskFor(t, stream.labels) }, params);
    },
    // A tenant with no data yet has written nothing (version 0); reading does not create it.
    writeVersion(tenant) {
      return tenants.get(tenant)?.writes.version ?? 0;
    },
    oldestWriteSince(tenant, version) {
      return tenants.get(tenant)?.writes.oldestSince(version);
    },
    async labelNames(tenant, range, selector) {
      return queryLabelNames(tenants, tenant, range, selector);
    },
    async labelValues(tenant, name, range, selector) {
      return queryLabelValues(tenants, tenant, name, range, selector);
    },
    async series(tenant, selectors, range) {
      return querySeries(tenants, tenant, selectors, range);
    },
    async stats(tenant, selector, range) {
      return queryStats(tenants, tenant, selector, range);
    },
    tail(tenant, selector, onEntries) {
      return tail.subscribe(tenant, selector, onEntries);
    },
    async addDeleteRequest(tenant, input) {
      const added = await deletes.add(tenant, input, options.now());
      tenants.get(tenant)?.writes.invalidate();
      return added;
    },
    async listDeleteRequests(tenant) {
      return deletes.list(tenant);
    },
    async cancelDeleteRequest(tenant, requestId, force = false) {
      const cancelled = await deletes.cancel(tenant, requestId, force);
      tenants.get(tenant)?.writes.invalidate();
      return cancelled;
    },
    async flush() {
      for (const t of tenants.all()) for (const s of t.streams.values()) flusher.cutHead(s, 'close');
      await flusher.flush();
    },
    applyRetention: removeExpired,
    processDeleteRequests: removeDeleted,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      if (maintaining !== undefined) await maintaining;
      await writer.close();
      for (const t of tenants.all()) for (const s of t.streams.values()) flusher.cutHead(s, 'close');
      await flusher.flush();
    },
  };
}
