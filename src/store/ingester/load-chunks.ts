import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { formatLabels, type Logger } from '../../core/index.js';
import { readChunkMeta, type ChunkMeta } from '../chunk/chunk-file.js';
import type { ChunkRef } from './mem-stream.js';
import type { TenantRegistry } from './tenant-state.js';

/**
 * Rebuilds the index from the chunk files under `chunksDir` (one directory
 * per tenant): each chunk's meta section names its tenant, labels, time
 * bounds and blocks. Half-written `*.tmp` files are removed; a damaged
 * chunk is logged and skipped. Returns the highest WAL seq chunks hold.
 */
export async function loadChunks(chunksDir: string, tenants: TenantRegistry, logger: Logger | undefined): Promise<{ chunks: number; lastSeq: number }> {
  await mkdir(chunksDir, { recursive: true });
  const paths: string[] = [];
  for (const dir of await readdir(chunksDir)) {
    let names: string[];
    try {
      names = await readdir(join(chunksDir, dir));
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(chunksDir, dir, name);
      if (name.endsWith('.tmp')) await unlink(path).catch(() => undefined);
      else if (name.endsWith('.chunk')) paths.push(path);
    }
  }
  const metas: { path: string; meta: ChunkMeta }[] = [];
  const parallel = 16;
  for (let i = 0; i < paths.length; i += parallel) {
    const group = paths.slice(i, i + parallel);
    const read = await Promise.all(
      group.map(async (path) => {
        try {
          return { path, meta: await readChunkMeta(path) };
        } catch (err) {
          logger?.warn('skipping damaged chunk', { path, err: String(err) });
          return undefined;
        }
      }),
    );
    for (const r of read) if (r !== undefined) metas.push(r);
  }
  metas.sort((a, b) => a.meta.lastSeq - b.meta.lastSeq);
  let lastSeq = -1;
  for (const { path, meta } of metas) {
    const tenant = tenants.getOrCreate(meta.tenant);
    const stream = tenants.stream(tenant, meta.labels, formatLabels(meta.labels));
    const ref: ChunkRef = { meta, path, pinned: undefined, deleted: false };
    stream.chunks.push(ref);
    if (meta.lastSeq > stream.flushedSeq) stream.flushedSeq = meta.lastSeq;
    if (meta.maxTsNs > stream.appliedHighestTsNs) {
      stream.appliedHighestTsNs = meta.maxTsNs;
      stream.validatedHighestTsNs = meta.maxTsNs;
    }
    if (meta.lastSeq > lastSeq) lastSeq = meta.lastSeq;
  }
  return { chunks: metas.length, lastSeq };
}
