import { open, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Every segment starts with these 8 bytes: "WPWAL", version 1, two reserved zero bytes. */
export const segmentMagic = Buffer.from([0x57, 0x50, 0x57, 0x41, 0x4c, 0x01, 0x00, 0x00]);

export interface SegmentInfo {
  readonly index: number;
  readonly path: string;
  bytes: number;
  /** Highest record seq in the segment; -1 when it holds none. */
  lastSeq: number;
}

export function segmentPath(dir: string, index: number): string {
  return join(dir, `${String(index).padStart(8, '0')}.wal`);
}

/** Segment indexes present in `dir`, ascending. */
export async function listSegmentIndexes(dir: string): Promise<number[]> {
  const names = await readdir(dir);
  const indexes: number[] = [];
  for (const name of names) {
    const m = /^(\d{8})\.wal$/.exec(name);
    if (m !== null) indexes.push(Number(m[1]));
  }
  return indexes.sort((a, b) => a - b);
}

/** fsyncs a directory so that file creations/renames/unlinks in it are durable. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function removeSegment(segment: SegmentInfo): Promise<void> {
  await unlink(segment.path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}
