import type { LogEntry } from '../../logql/index.js';
import { readChunkBlocks } from '../chunk/chunk-file.js';
import type { ChunkRef } from './mem-stream.js';

/**
 * Decoded blocks of durable chunks, least recently used evicted first once
 * their approximate size (line bytes + per-entry overhead) passes the
 * budget. Blocks of chunks still being written are pinned on the ChunkRef
 * instead and never evicted.
 */
export interface ChunkCache {
  /** The decoded blocks `indexes` of `ref` (from memory, cache or disk, in that order). */
  blocks(ref: ChunkRef, indexes: readonly number[]): Promise<(LogEntry[] | undefined)[]>;
  /** Seeds the cache with a chunk just written (its entries are already decoded). */
  seed(ref: ChunkRef, blocks: readonly LogEntry[][]): void;
  drop(ref: ChunkRef): void;
  sizeBytes(): number;
}

const entryOverheadBytes = 64;

export function createChunkCache(maxBytes: number): ChunkCache {
  const entries = new Map<string, { blocks: LogEntry[]; bytes: number }>();
  let total = 0;

  function keyOf(ref: ChunkRef, i: number): string {
    return `${ref.meta.id}/${i}`;
  }

  function put(key: string, blocks: LogEntry[]): void {
    let bytes = 0;
    for (const e of blocks) bytes += e.line.length + entryOverheadBytes;
    const old = entries.get(key);
    if (old !== undefined) {
      total -= old.bytes;
      entries.delete(key);
    }
    entries.set(key, { blocks, bytes });
    total += bytes;
    while (total > maxBytes && entries.size > 1) {
      const oldest = entries.keys().next().value as string;
      total -= (entries.get(oldest) as { bytes: number }).bytes;
      entries.delete(oldest);
    }
  }

  return {
    async blocks(ref, indexes) {
      const out: (LogEntry[] | undefined)[] = new Array(indexes.length);
      const pinned = ref.pinned;
      const missing: number[] = [];
      for (let k = 0; k < indexes.length; k++) {
        const i = indexes[k] as number;
        if (pinned !== undefined) {
          out[k] = pinned[i];
          continue;
        }
        const key = keyOf(ref, i);
        const hit = entries.get(key);
        if (hit !== undefined) {
          entries.delete(key);
          entries.set(key, hit);
          out[k] = hit.blocks;
        } else missing.push(k);
      }
      if (missing.length === 0 || ref.path === undefined) return out;
      let loaded: Map<number, LogEntry[]>;
      try {
        loaded = await readChunkBlocks(ref.path, ref.meta, missing.map((k) => indexes[k] as number));
      } catch (err) {
        // Retention may have removed the file while the query ran.
        if (ref.deleted || (err as NodeJS.ErrnoException).code === 'ENOENT') return out;
        throw err;
      }
      for (const k of missing) {
        const i = indexes[k] as number;
        const blocks = loaded.get(i);
        if (blocks === undefined) continue;
        out[k] = blocks;
        if (!ref.deleted) put(keyOf(ref, i), blocks);
      }
      return out;
    },
    seed(ref, blocks) {
      for (let i = 0; i < blocks.length; i++) put(keyOf(ref, i), blocks[i] as LogEntry[]);
    },
    drop(ref) {
      for (let i = 0; i < ref.meta.blocks.length; i++) {
        const key = keyOf(ref, i);
        const hit = entries.get(key);
        if (hit === undefined) continue;
        total -= hit.bytes;
        entries.delete(key);
      }
    },
    sizeBytes() {
      return total;
    },
  };
}
