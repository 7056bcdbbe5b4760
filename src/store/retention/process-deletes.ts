import { unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../../core/index.js';
import type { LogEntry } from '../../logql/index.js';
import { encodeChunkAsync, newChunkId, writeChunkFile } from '../chunk/chunk-file.js';
import type { ChunkCache } from '../ingester/chunk-cache.js';
import type { ChunkRef } from '../ingester/mem-stream.js';
import type { TenantRegistry } from '../ingester/tenant-state.js';
import type { ResolvedStoreOptions } from '../store-options.js';
import type { DeleteRequests } from './delete-requests.js';

/**
 * Applies delete requests older than the cancel period to the chunks
 * (Loki's compactor): each durable chunk of a matching stream that holds
 * deleted entries is rewritten without them (or removed when nothing is
 * left), then the request is marked `processed`. Queries already hide the
 * entries from the moment a request is received; this reclaims the space.
 * A chunk write that fails leaves the old chunk and the request `received`.
 */
export async function processDeleteRequests(
  deps: { readonly tenants: TenantRegistry; readonly cache: ChunkCache; readonly options: ResolvedStoreOptions; readonly logger?: Logger | undefined },
  deletes: DeleteRequests,
  createdBeforeMs: number,
): Promise<{ processed: number; chunksRewritten: number }> {
  let processed = 0;
  let chunksRewritten = 0;
  for (const request of deletes.due(createdBeforeMs)) {
    const tenant = deps.tenants.get(request.tenant);
    let ok = true;
    for (const stream of tenant === undefined ? [] : [...tenant.streams.values()]) {
      if (!request.matches(stream.labels)) continue;
      for (const ref of [...stream.chunks]) {
        if (ref.path === undefined || ref.deleted || ref.meta.maxTsNs < request.startNs || ref.meta.minTsNs > request.endNs) continue;
        const indexes = ref.meta.blocks.map((_, i) => i);
        const blocks = await deps.cache.blocks(ref, indexes);
        if (blocks.some((b) => b === undefined)) continue;
        let removed = 0;
        const kept: LogEntry[][] = [];
        for (const block of blocks as LogEntry[][]) {
          const left = block.filter((e) => !request.deletes(e.tsNs, e.line));
          removed += block.length - left.length;
          if (left.length > 0) kept.push(left);
        }
        if (removed === 0) continue;
        try {
          let replacement: ChunkRef | undefined;
          if (kept.length > 0) {
            const encoded = await encodeChunkAsync(kept, { id: newChunkId(), tenant: stream.tenant, labels: stream.labels, codec: deps.options.chunkCodec, lastSeq: ref.meta.lastSeq });
            const path = await writeChunkFile(dirname(ref.path), encoded, deps.options.fsync);
            replacement = { meta: encoded.meta, path, pinned: undefined, deleted: false };
            deps.cache.seed(replacement, kept);
          }
          stream.chunks = stream.chunks.flatMap((c) => (c === ref ? (replacement === undefined ? [] : [replacement]) : [c]));
          ref.deleted = true;
          deps.cache.drop(ref);
          await unlink(ref.path).catch(() => undefined);
          chunksRewritten++;
        } catch (err) {
          ok = false;
          deps.logger?.warn('delete request: chunk rewrite failed; will retry', { request_id: request.requestId, err: String(err) });
        }
      }
    }
    if (ok) {
      await deletes.markProcessed(request.tenant, request.requestId);
      processed++;
    }
  }
  return { processed, chunksRewritten };
}
