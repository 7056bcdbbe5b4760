import { mkdir, open, readFile } from 'node:fs/promises';
import type { Logger } from '../../core/index.js';
import { decodeWalRecords, type WalRecord } from './wal-record.js';
import { listSegmentIndexes, segmentMagic, segmentPath, type SegmentInfo } from './wal-segments.js';

export interface WalReplayResult {
  /** Segments kept on disk (they hold records not yet in chunks). */
  readonly segments: SegmentInfo[];
  /** The index a new writer starts at. */
  readonly nextIndex: number;
  /** The highest record seq seen (-1 when none). */
  readonly lastSeq: number;
  readonly records: number;
  readonly tornSegments: number;
}

/**
 * Reads every segment in order and hands each intact record to `onRecord`.
 * A damaged tail (a write cut by a crash, or a record left by a failed
 * write) ends that segment: the file is truncated to its last intact record,
 * so the WAL is clean again. Records are replayed in seq order.
 */
export async function replayWal(dir: string, onRecord: (record: WalRecord) => void, logger?: Logger): Promise<WalReplayResult> {
  await mkdir(dir, { recursive: true });
  const indexes = await listSegmentIndexes(dir);
  const segments: SegmentInfo[] = [];
  let lastSeq = -1;
  let records = 0;
  let tornSegments = 0;
  for (const index of indexes) {
    const path = segmentPath(dir, index);
    const buf = await readFile(path);
    const start = segmentMagic.length;
    if (buf.length < segmentMagic.length || !buf.subarray(0, segmentMagic.length).equals(segmentMagic)) {
      // A segment whose header never made it to disk holds nothing.
      tornSegments++;
      await truncateFile(path, 0);
      segments.push({ index, path, bytes: 0, lastSeq: -1 });
      continue;
    }
    const decoded = decodeWalRecords(buf, start);
    let segLast = -1;
    let validBytes = decoded.validBytes;
    let torn = decoded.torn;
    let stale = false;
    for (let i = 0; i < decoded.records.length; i++) {
      const record = decoded.records[i] as WalRecord;
      // A recycled segment still holds its previous life's records after the
      // new ones: their seqs are not above what was already replayed.
      if (record.seq <= lastSeq) {
        validBytes = decoded.offsets[i] as number;
        torn = true;
        stale = true;
        break;
      }
      onRecord(record);
      segLast = record.seq;
      lastSeq = record.seq;
      records++;
    }
    if (torn) {
      // Zero-filled space after the last record is preallocation, and stale
      // records are recycling: neither is damage.
      if (!stale && !isAllZero(buf, validBytes)) {
        tornSegments++;
        logger?.warn('truncating damaged write-ahead log tail', { segment: path, offset: validBytes, size: buf.length });
      }
      await truncateFile(path, validBytes);
    }
    segments.push({ index, path, bytes: validBytes, lastSeq: segLast });
  }
  const nextIndex = indexes.length > 0 ? (indexes[indexes.length - 1] as number) + 1 : 1;
  return { segments, nextIndex, lastSeq, records, tornSegments };
}

function isAllZero(buf: Buffer, from: number): boolean {
  const zeros = Buffer.alloc(64 * 1024);
  for (let at = from; at < buf.length; at += zeros.length) {
    const end = Math.min(buf.length, at + zeros.length);
    if (buf.compare(zeros, 0, end - at, at, end) !== 0) return false;
  }
  return true;
}

async function truncateFile(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
