import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { makeTempDir } from '../testdata/store-fixtures.js';
import { encodeWalRecord, type WalRecord } from './wal-record.js';
import { replayWal } from './wal-replay.js';
import { segmentMagic, segmentPath } from './wal-segments.js';
import { createWalWriter } from './wal-writer.js';

const rec = (seq: number): WalRecord => ({ seq, tenant: 'fake', streams: [{ labels: { app: 'a' }, entries: [{ tsNs: BigInt(seq), line: `line ${seq}` }] }] });

async function replaySeqs(dir: string): Promise<{ seqs: number[]; torn: number }> {
  const seqs: number[] = [];
  const result = await replayWal(dir, (r) => seqs.push(r.seq));
  return { seqs, torn: result.tornSegments };
}

test('replay keeps intact records, truncates a torn tail, and ignores zero-filled preallocation and stale recycled records', async () => {
  const cases: { name: string; segments: Buffer[][]; want: number[]; torn: number }[] = [
    { name: 'clean', segments: [[encodeWalRecord(rec(1)), encodeWalRecord(rec(2))]], want: [1, 2], torn: 0 },
    { name: 'zero-filled tail', segments: [[encodeWalRecord(rec(1)), Buffer.alloc(4096)]], want: [1], torn: 0 },
    { name: 'torn tail', segments: [[encodeWalRecord(rec(1)), encodeWalRecord(rec(2)).subarray(0, 20)]], want: [1], torn: 1 },
    {
      name: 'recycled segment with stale records after new ones',
      segments: [[encodeWalRecord(rec(5)), encodeWalRecord(rec(6))], [encodeWalRecord(rec(7)), encodeWalRecord(rec(2)), encodeWalRecord(rec(3))]],
      want: [5, 6, 7],
      torn: 0,
    },
  ];
  for (const c of cases) {
    const tmp = await makeTempDir();
    try {
      for (let i = 0; i < c.segments.length; i++) await writeFile(segmentPath(tmp.dir, i + 1), Buffer.concat([segmentMagic, ...(c.segments[i] as Buffer[])]));
      const first = await replaySeqs(tmp.dir);
      assert.deepEqual(first, { seqs: c.want, torn: c.torn }, c.name);
      // Replay truncated the damage: a second replay is clean and identical.
      assert.deepEqual(await replaySeqs(tmp.dir), { seqs: c.want, torn: 0 }, `${c.name} (second replay)`);
    } finally {
      await tmp.cleanup();
    }
  }
});

test('group commit: concurrent appends resolve after one shared write, in order, and recycled segments replay cleanly', async () => {
  const tmp = await makeTempDir();
  try {
    const writer = createWalWriter({ dir: tmp.dir, firstIndex: 1, existing: [], segmentBytes: 4096, fsync: true });
    let seq = 0;
    // Enough records to fill, truncate and recycle several 4 KiB segments.
    for (let round = 0; round < 20; round++) {
      const appends = Array.from({ length: 8 }, () => {
        const s = seq++;
        return writer.append(encodeWalRecord(rec(s)), s);
      });
      await Promise.all(appends);
      await writer.truncateBefore(seq - 8);
    }
    await writer.close();
    const { seqs } = await replaySeqs(tmp.dir);
    assert.ok(seqs.length >= 8, 'the last round must be replayed');
    assert.deepEqual(seqs.slice(-8), [152, 153, 154, 155, 156, 157, 158, 159]);
    for (let i = 1; i < seqs.length; i++) assert.ok((seqs[i] as number) > (seqs[i - 1] as number), 'seqs strictly increase');
    const size = (await readFile(segmentPath(tmp.dir, 1)).catch(() => Buffer.alloc(0))).length;
    assert.equal(size, 0, 'the first segment was truncated away');
  } finally {
    await tmp.cleanup();
  }
});
