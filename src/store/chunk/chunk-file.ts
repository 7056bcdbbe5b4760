import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Labels } from '../../core/index.js';
import type { LogEntry } from '../../logql/index.js';
import { FieldReader, measureStringMap, writeShortString, writeStringMap } from '../binary/length-prefixed.js';
import type { ChunkCodecName } from '../store-options.js';
import { codecIds, codecName, compressBlock, compressBlockAsync, decodeBlock, encodeBlock, uncompressBlock } from './block-codec.js';

/** "WPCK", format version 1. */
const chunkMagic = Buffer.from([0x57, 0x50, 0x43, 0x4b]);
const chunkVersion = 1;

export interface BlockMeta {
  readonly offset: number;
  readonly compressedBytes: number;
  readonly entries: number;
  readonly minTsNs: bigint;
  readonly maxTsNs: bigint;
}

/** What the index keeps about a chunk; everything a query needs to prune it. */
export interface ChunkMeta {
  readonly id: string;
  readonly tenant: string;
  readonly labels: Labels;
  readonly codec: ChunkCodecName;
  readonly minTsNs: bigint;
  readonly maxTsNs: bigint;
  readonly entries: number;
  /** Uncompressed line bytes. */
  readonly bytes: number;
  readonly compressedBytes: number;
  /** Highest WAL record seq whose entries of this stream the chunk holds. */
  readonly lastSeq: number;
  readonly blocks: readonly BlockMeta[];
}

export interface EncodedChunk {
  readonly meta: ChunkMeta;
  readonly file: Buffer;
}

export function newChunkId(): string {
  return `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
}

/**
 * Encodes time-sorted blocks of entries into a chunk file (layout in
 * ../FORMAT.md): fixed header, one compressed block after another each
 * followed by its CRC-32, then the meta section, its CRC and its length.
 */
export function encodeChunk(blocks: readonly (readonly LogEntry[])[], info: ChunkInfo): EncodedChunk {
  const raws: { compressed: Buffer; lineBytes: number }[] = blocks.map((block) => {
    const { raw, lineBytes } = encodeBlock(block);
    return { compressed: info.codec === 'none' ? Buffer.from(raw) : compressBlock(info.codec, raw), lineBytes };
  });
  return assembleChunk(blocks, raws, info);
}

/**
 * encodeChunk with compression on the thread pool (see compressBlockAsync),
 * one block at a time: a flush then occupies at most one core, and queries
 * and pushes keep the other (on two cores, parallel deflate of a burst of
 * full heads doubled query latency until it was done).
 */
export async function encodeChunkAsync(blocks: readonly (readonly LogEntry[])[], info: ChunkInfo): Promise<EncodedChunk> {
  const done: { compressed: Buffer; lineBytes: number }[] = [];
  for (const block of blocks) {
    const { raw, lineBytes } = encodeBlock(block);
    // encodeBlock's buffer is a shared scratch: the thread pool gets its own copy.
    const own = Buffer.from(raw);
    done.push({ compressed: info.codec === 'none' ? own : await compressBlockAsync(info.codec, own), lineBytes });
  }
  return assembleChunk(blocks, done, info);
}

export interface ChunkInfo {
  readonly id: string;
  readonly tenant: string;
  readonly labels: Labels;
  readonly codec: ChunkCodecName;
  readonly lastSeq: number;
}

function assembleChunk(blocks: readonly (readonly LogEntry[])[], compressedBlocks: readonly { compressed: Buffer; lineBytes: number }[], info: ChunkInfo): EncodedChunk {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(8);
  chunkMagic.copy(header, 0);
  header[4] = chunkVersion;
  header[5] = codecIds[info.codec];
  parts.push(header);
  let offset = header.length;
  const blockMetas: BlockMeta[] = [];
  let bytes = 0;
  let entries = 0;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as readonly LogEntry[];
    const { compressed, lineBytes } = compressedBlocks[i] as { compressed: Buffer; lineBytes: number };
    const crc = Buffer.allocUnsafe(4);
    crc.writeUInt32LE(crc32(compressed), 0);
    parts.push(compressed, crc);
    blockMetas.push({
      offset,
      compressedBytes: compressed.length,
      entries: block.length,
      minTsNs: (block[0] as LogEntry).tsNs,
      maxTsNs: (block[block.length - 1] as LogEntry).tsNs,
    });
    offset += compressed.length + 4;
    bytes += lineBytes;
    entries += block.length;
  }
  const meta: ChunkMeta = {
    id: info.id,
    tenant: info.tenant,
    labels: info.labels,
    codec: info.codec,
    minTsNs: blockMetas[0]?.minTsNs ?? 0n,
    maxTsNs: blockMetas[blockMetas.length - 1]?.maxTsNs ?? 0n,
    entries,
    bytes,
    compressedBytes: offset,
    lastSeq: info.lastSeq,
    blocks: blockMetas,
  };
  const metaBuf = encodeMeta(meta);
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc32(metaBuf), 0);
  trailer.writeUInt32LE(metaBuf.length, 4);
  parts.push(metaBuf, trailer);
  return { meta, file: Buffer.concat(parts) };
}

function encodeMeta(meta: ChunkMeta): Buffer {
  const stringBytes = 2 + Buffer.byteLength(meta.id) + 2 + Buffer.byteLength(meta.tenant) + measureStringMap(meta.labels);
  const buf = Buffer.allocUnsafe(stringBytes + 8 * 6 + 4 + meta.blocks.length * 36);
  let at = writeShortString(buf, 0, meta.id);
  at = writeShortString(buf, at, meta.tenant);
  at = writeStringMap(buf, at, meta.labels, Object.keys(meta.labels).sort());
  buf.writeBigInt64LE(meta.minTsNs, at);
  buf.writeBigInt64LE(meta.maxTsNs, (at += 8));
  buf.writeBigUInt64LE(BigInt(meta.entries), (at += 8));
  buf.writeBigUInt64LE(BigInt(meta.bytes), (at += 8));
  buf.writeBigUInt64LE(BigInt(meta.compressedBytes), (at += 8));
  buf.writeBigInt64LE(BigInt(meta.lastSeq), (at += 8));
  buf.writeUInt32LE(meta.blocks.length, (at += 8));
  at += 4;
  for (const b of meta.blocks) {
    buf.writeUInt32LE(b.offset, at);
    buf.writeUInt32LE(b.compressedBytes, at + 4);
    buf.writeUInt32LE(b.entries, at + 8);
    buf.writeBigInt64LE(b.minTsNs, at + 12);
    buf.writeBigInt64LE(b.maxTsNs, at + 20);
    buf.writeUInt32LE(0, at + 28);
    buf.writeUInt32LE(0, at + 32);
    at += 36;
  }
  return buf;
}

/** Parses a chunk file's meta section (reads only the file's tail). Throws on damage. */
export async function readChunkMeta(path: string): Promise<ChunkMeta> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size < 16) throw new Error(`chunk ${path} is too short`);
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    if (!head.subarray(0, 4).equals(chunkMagic) || head[4] !== chunkVersion) throw new Error(`chunk ${path} has a bad header`);
    const codec = codecName(head[5] as number);
    if (codec === undefined) throw new Error(`chunk ${path} has unknown codec ${head[5]}`);
    const trailer = Buffer.alloc(8);
    await handle.read(trailer, 0, 8, size - 8);
    const metaLen = trailer.readUInt32LE(4);
    if (metaLen + 16 > size) throw new Error(`chunk ${path} has a bad meta length`);
    const metaBuf = Buffer.alloc(metaLen);
    await handle.read(metaBuf, 0, metaLen, size - 8 - metaLen);
    if (crc32(metaBuf) !== trailer.readUInt32LE(0)) throw new Error(`chunk ${path} meta checksum mismatch`);
    return decodeMeta(metaBuf, codec);
  } finally {
    await handle.close();
  }
}

function decodeMeta(buf: Buffer, codec: ChunkCodecName): ChunkMeta {
  const r = new FieldReader(buf);
  const id = r.readShortString();
  const tenant = r.readShortString();
  const labels = r.readStringMap();
  let at = r.at;
  const minTsNs = buf.readBigInt64LE(at);
  const maxTsNs = buf.readBigInt64LE(at + 8);
  const entries = Number(buf.readBigUInt64LE(at + 16));
  const bytes = Number(buf.readBigUInt64LE(at + 24));
  const compressedBytes = Number(buf.readBigUInt64LE(at + 32));
  const lastSeq = Number(buf.readBigInt64LE(at + 40));
  const blockCount = buf.readUInt32LE(at + 48);
  at += 52;
  const blocks: BlockMeta[] = [];
  for (let i = 0; i < blockCount; i++) {
    blocks.push({
      offset: buf.readUInt32LE(at),
      compressedBytes: buf.readUInt32LE(at + 4),
      entries: buf.readUInt32LE(at + 8),
      minTsNs: buf.readBigInt64LE(at + 12),
      maxTsNs: buf.readBigInt64LE(at + 20),
    });
    at += 36;
  }
  return { id, tenant, labels, codec, minTsNs, maxTsNs, entries, bytes, compressedBytes, lastSeq, blocks };
}

/** Reads and decodes the blocks `indexes` of a chunk file; a damaged block throws. */
export async function readChunkBlocks(path: string, meta: ChunkMeta, indexes: readonly number[]): Promise<Map<number, LogEntry[]>> {
  const file = await readFile(path);
  const out = new Map<number, LogEntry[]>();
  for (const i of indexes) {
    const b = meta.blocks[i] as BlockMeta;
    const data = file.subarray(b.offset, b.offset + b.compressedBytes);
    if (crc32(data) !== file.readUInt32LE(b.offset + b.compressedBytes)) throw new Error(`chunk ${path} block ${i} checksum mismatch`);
    out.set(i, decodeBlock(uncompressBlock(meta.codec, data)));
  }
  return out;
}

/**
 * Writes a chunk durably: a temporary file, fsync, rename, fsync of the
 * directory. A crash leaves either no chunk or a whole one (plus a *.tmp
 * that start-up removes).
 */
export async function writeChunkFile(dir: string, chunk: EncodedChunk, fsync: boolean): Promise<string> {
  const path = join(dir, `${chunk.meta.id}.chunk`);
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(chunk.file);
    if (fsync) await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  await rename(tmp, path);
  if (fsync) {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  }
  return path;
}
