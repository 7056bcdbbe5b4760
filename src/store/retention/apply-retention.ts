import { unlink } from 'node:fs/promises';
import type { Logger } from '../../core/index.js';
import type { ChunkCache } from '../ingester/chunk-cache.js';
import type { ChunkRef } from '../ingester/mem-stream.js';
import type { TenantRegistry } from '../ingester/tenant-state.js';

export interface RetentionPolicy {
  /** Retention in ms for `tenant`; 0 keeps everything. */
  periodFor(tenant: string): number;
}

export interface RetentionResult {
  readonly chunksDeleted: number;
  readonly streamsRemoved: number;
}

/**
 * Deletes every durable chunk whose newest entry is older than
 * `now - period` for its tenant, and nothing else: a chunk straddling the
 * cutoff stays whole, heads and chunks still being written are kept. A
 * stream left with no chunks and an empty head leaves the index.
 */
export async function applyRetention(
  deps: { readonly tenants: TenantRegistry; readonly cache: ChunkCache; readonly logger?: Logger | undefined },
  policy: RetentionPolicy,
  nowMs: number,
): Promise<RetentionResult> {
  let chunksDeleted = 0;
  let streamsRemoved = 0;
  for (const tenant of [...deps.tenants.all()]) {
    const periodMs = policy.periodFor(tenant.name);
    if (periodMs <= 0) continue;
    const cutoffNs = BigInt(Math.floor(nowMs - periodMs)) * 1_000_000n;
    for (const stream of [...tenant.streams.values()]) {
      const expired: ChunkRef[] = [];
      const kept: ChunkRef[] = [];
      for (const c of stream.chunks) {
        if (c.path !== undefined && c.meta.maxTsNs < cutoffNs) expired.push(c);
        else kept.push(c);
      }
      if (expired.length === 0) continue;
      stream.chunks = kept;
      for (const c of expired) {
        c.deleted = true;
        deps.cache.drop(c);
        try {
          await unlink(c.path as string);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') deps.logger?.warn('retention could not delete a chunk', { path: c.path, err: String(err) });
        }
        chunksDeleted++;
      }
      if (stream.chunks.length === 0 && stream.head.length === 0) {
        deps.tenants.removeStream(tenant, stream);
        streamsRemoved++;
      }
    }
  }
  return { chunksDeleted, streamsRemoved };
}
