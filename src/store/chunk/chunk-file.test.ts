import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { LogEntry } from '../../logql/index.js';
import type { ChunkCodecName } from '../store-options.js';
import { makeTempDir } from '../testdata/store-fixtures.js';
import { encodeChunk, readChunkBlocks, readChunkMeta, writeChunkFile } from './chunk-file.js';

const blocks: LogEntry[][] = [
  [
    { tsNs: 1700000000000000000n, line: 'first line' },
    { tsNs: 1700000000000000001n, line: 'ünïcödé ✓', metadata: { trace_id: 'abc' } },
  ],
  [
    { tsNs: 1700000001000000000n, line: '' },
    { tsNs: 1700000002000000000n, line: 'x'.repeat(300) },
  ],
];
const info = { id: 'golden-1', tenant: 'fake', labels: { app: 'api', env: 'prod' }, lastSeq: 7 };

for (const codec of ['snappy', 'deflate', 'none'] as ChunkCodecName[]) {
  test(`a ${codec} chunk file round-trips meta and blocks`, async () => {
    const tmp = await makeTempDir();
    try {
      const encoded = encodeChunk(blocks, { ...info, codec });
      const path = await writeChunkFile(tmp.dir, encoded, true);
      const meta = await readChunkMeta(path);
      assert.deepEqual(meta, encoded.meta);
      assert.equal(meta.minTsNs, 1700000000000000000n);
      assert.equal(meta.maxTsNs, 1700000002000000000n);
      assert.equal(meta.entries, 4);
      const read = await readChunkBlocks(path, meta, [0, 1]);
      assert.deepEqual(read.get(0), blocks[0]);
      assert.deepEqual(read.get(1), blocks[1]);
    } finally {
      await tmp.cleanup();
    }
  });
}

test('chunk format v1 (snappy) matches its golden file byte for byte', async () => {
  const golden = fileURLToPath(new URL('../testdata/chunk-v1-snappy.bin', import.meta.url));
  const encoded = encodeChunk(blocks, { ...info, codec: 'snappy' });
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, encoded.file);
  assert.deepEqual(encoded.file, await readFile(golden));
  const meta = await readChunkMeta(golden);
  assert.deepEqual((await readChunkBlocks(golden, meta, [1])).get(1), blocks[1]);
});

test('a damaged block or meta section is detected', async () => {
  const tmp = await makeTempDir();
  try {
    const encoded = encodeChunk(blocks, { ...info, codec: 'snappy' });
    const path = await writeChunkFile(tmp.dir, encoded, false);
    const bad = Buffer.from(encoded.file);
    bad[10] = (bad[10] as number) ^ 0xff;
    await writeFile(path, bad);
    await assert.rejects(readChunkBlocks(path, encoded.meta, [0]), /checksum mismatch/);
    const badMeta = Buffer.from(encoded.file);
    badMeta[badMeta.length - 12] = (badMeta[badMeta.length - 12] as number) ^ 0xff;
    await writeFile(path, badMeta);
    await assert.rejects(readChunkMeta(path), /checksum mismatch/);
  } finally {
    await tmp.cleanup();
  }
});
