import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../core/index.js';
import type { LogEntry } from '../../logql/index.js';
import { encodeChunkAsync, newChunkId, writeChunkFile, type BlockMeta, type ChunkMeta } from '../chunk/chunk-file.js';
import type { ResolvedStoreOptions } from '../store-options.js';
import type { WalWriter } from '../wal/wal-writer.js';
import type { ChunkCache } from './chunk-cache.js';
import { sortAndDedup, type ChunkRef, type MemStream } from './mem-stream.js';
import type { TenantRegistry } from './tenant-state.js';

export type CutReason = 'full' | 'idle' | 'age' | 'wal' | 'memory' | 'close';

/**
 * Cuts heads into chunks and makes them durable, then lets the WAL drop
 * segments whose records all live in durable chunks. Chunk files are
 * written one at a time in cut order, so a stream's chunks become durable
 * in order and `flushedSeq` (what replay skips) only ever covers entries
 * that are on disk. A failed write (disk full) keeps the chunk pinned in
 * memory and retries later; the WAL keeps its records meanwhile.
 */
export interface Flusher {
  cutHead(stream: MemStream, reason: CutReason): void;
  /** Cuts idle/old heads, and the heads pinning the oldest WAL segment when the WAL is too big. */
  maintain(nowMs: number): void;
  /** Records `bytes` added to a head; past `maxHeadBytes` in all heads, the largest heads are cut. */
  noteHeadGrowth(bytes: number): void;
  /** Resolves when every chunk cut so far is durable and the WAL truncated (or a write failed). */
  flush(): Promise<void>;
  pendingChunks(): number;
}

interface PendingChunk {
  readonly stream: MemStream;
  readonly ref: ChunkRef;
  readonly blocks: LogEntry[][];
  readonly firstSeq: number;
  readonly lastSeq: number;
}

export interface FlusherDeps {
  readonly options: ResolvedStoreOptions;
  readonly tenants: TenantRegistry;
  readonly cache: ChunkCache;
  readonly wal: () => WalWriter | undefined;
  /** The seq the next WAL record will get. */
  readonly nextSeq: () => number;
  readonly logger: Logger | undefined;
}

/** Directory name of a tenant's chunks: the tenant itself when it is a safe file name. */
export function tenantDirName(tenant: string): string {
  if (/^[A-Za-z0-9!_.*'()-]+$/.test(tenant) && tenant !== '.' && tenant !== '..' && tenant.length <= 150) return tenant;
  return `x-${Buffer.from(tenant).toString('hex')}`;
}

export function createFlusher(deps: FlusherDeps): Flusher {
  const { options } = deps;
  const queue: PendingChunk[] = [];
  const madeDirs = new Set<string>();
  let running: Promise<void> | undefined;
  let headBytesTotal = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  function splitBlocks(entries: LogEntry[]): LogEntry[][] {
    const blocks: LogEntry[][] = [];
    let start = 0;
    let bytes = 0;
    for (let i = 0; i < entries.length; i++) {
      bytes += (entries[i] as LogEntry).line.length + 16;
      if (bytes >= options.blockBytes) {
        blocks.push(entries.slice(start, i + 1));
        start = i + 1;
        bytes = 0;
      }
    }
    if (start < entries.length) blocks.push(start === 0 ? entries : entries.slice(start));
    return blocks;
  }

  function provisionalMeta(stream: MemStream, blocks: LogEntry[][], id: string, lastSeq: number): ChunkMeta {
    const metas: BlockMeta[] = blocks.map((b) => ({
      offset: 0,
      compressedBytes: 0,
      entries: b.length,
      minTsNs: (b[0] as LogEntry).tsNs,
      maxTsNs: (b[b.length - 1] as LogEntry).tsNs,
    }));
    let entries = 0;
    let bytes = 0;
    for (const b of blocks) {
      entries += b.length;
      for (const e of b) bytes += e.line.length;
    }
    return {
      id,
      tenant: stream.tenant,
      labels: stream.labels,
      codec: options.chunkCodec,
      minTsNs: (metas[0] as BlockMeta).minTsNs,
      maxTsNs: (metas[metas.length - 1] as BlockMeta).maxTsNs,
      entries,
      bytes,
      compressedBytes: 0,
      lastSeq,
      blocks: metas,
    };
  }

  async function writeOne(p: PendingChunk): Promise<void> {
    const dir = join(options.dataDir, 'chunks', tenantDirName(p.stream.tenant));
    if (!madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      madeDirs.add(dir);
    }
    const encoded = await encodeChunkAsync(p.blocks, { id: p.ref.meta.id, tenant: p.stream.tenant, labels: p.stream.labels, codec: options.chunkCodec, lastSeq: p.lastSeq });
    const path = await writeChunkFile(dir, encoded, options.fsync);
    (p.ref as { meta: ChunkMeta }).meta = encoded.meta;
    p.ref.path = path;
    p.ref.pinned = undefined;
    if (!p.ref.deleted) deps.cache.seed(p.ref, p.blocks);
    if (p.lastSeq > p.stream.flushedSeq) p.stream.flushedSeq = p.lastSeq;
  }

  function minUnflushedSeq(): number {
    let min = deps.nextSeq();
    for (const p of queue) if (p.firstSeq < min) min = p.firstSeq;
    for (const t of deps.tenants.all()) {
      for (const s of t.streams.values()) if (s.head.length > 0 && s.headFirstSeq < min) min = s.headFirstSeq;
    }
    return min;
  }

  async function run(): Promise<void> {
    while (queue.length > 0) {
      const p = queue[0] as PendingChunk;
      try {
        await writeOne(p);
      } catch (err) {
        deps.logger?.warn('chunk write failed; will retry', { err: String(err) });
        if (retryTimer === undefined) {
          retryTimer = setTimeout(() => {
            retryTimer = undefined;
            kick();
          }, 1000);
          retryTimer.unref();
        }
        return;
      }
      queue.shift();
    }
    const wal = deps.wal();
    if (wal !== undefined) {
      try {
        const min = minUnflushedSeq();
        if (min === deps.nextSeq()) await wal.rotate();
        await wal.truncateBefore(min);
      } catch (err) {
        deps.logger?.warn('write-ahead log truncation failed', { err: String(err) });
      }
    }
  }

  function kick(): Promise<void> {
    if (running === undefined) {
      running = run().finally(() => {
        running = undefined;
      });
    }
    return running;
  }

  return {
    cutHead(stream, _reason) {
      if (stream.head.length === 0) return;
      headBytesTotal = Math.max(0, headBytesTotal - stream.headBytes);
      const entries = sortAndDedup(stream.head, stream.headSorted);
      const blocks = splitBlocks(entries);
      const id = newChunkId();
      const ref: ChunkRef = { meta: provisionalMeta(stream, blocks, id, stream.headLastSeq), path: undefined, pinned: blocks, deleted: false };
      stream.chunks.push(ref);
      queue.push({ stream, ref, blocks, firstSeq: stream.headFirstSeq, lastSeq: stream.headLastSeq });
      stream.head = [];
      stream.headSorted = true;
      stream.headBytes = 0;
      stream.headFirstSeq = -1;
      stream.headLastSeq = -1;
      void kick();
    },
    maintain(nowMs) {
      const wal = deps.wal();
      const oldest = wal !== undefined && wal.totalBytes() > options.walMaxBytes ? wal.oldestClosedLastSeq() : undefined;
      for (const t of deps.tenants.all()) {
        for (const s of t.streams.values()) {
          if (s.head.length === 0) continue;
          if (nowMs - s.lastAppendMs >= options.chunkIdlePeriodMs) this.cutHead(s, 'idle');
          else if (nowMs - s.headCreatedMs >= options.limits.maxChunkAgeMs) this.cutHead(s, 'age');
          else if (oldest !== undefined && s.headFirstSeq <= oldest) this.cutHead(s, 'wal');
        }
      }
      void kick();
    },
    noteHeadGrowth(bytes) {
      headBytesTotal += bytes;
      if (headBytesTotal <= options.maxHeadBytes) return;
      const heads: MemStream[] = [];
      for (const t of deps.tenants.all()) for (const s of t.streams.values()) if (s.head.length > 0) heads.push(s);
      heads.sort((a, b) => b.headBytes - a.headBytes);
      for (const s of heads) {
        if (headBytesTotal <= (options.maxHeadBytes * 3) / 4) break;
        this.cutHead(s, 'memory');
      }
    },
    async flush() {
      while (running !== undefined) await running;
      await kick();
    },
    pendingChunks: () => queue.length,
  };
}
