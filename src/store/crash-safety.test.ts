import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { createStore } from './create-store.js';
import { collect, makeTempDir, selector } from './testdata/store-fixtures.js';

const child = fileURLToPath(new URL('./testdata/push-forever.ts', import.meta.url));

/** Runs the pusher until it has acknowledged at least `minAcks` batches, then SIGKILLs it. Returns the acked ids. */
async function pushThenKill(dataDir: string, firstId: number, minAcks: number): Promise<number[]> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, String(firstId)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const acked: number[] = [];
  let buffered = '';
  let killed = false;
  await new Promise<void>((resolve, reject) => {
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (text: string) => {
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop() as string;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
      if (!killed && acked.length >= minAcks) {
        killed = true;
        proc.kill('SIGKILL');
      }
    });
    proc.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`pusher exited early: ${code ?? signal}`))));
    proc.on('error', reject);
  });
  // Only complete lines count: an ack cut mid-line was never fully reported.
  return acked;
}

test('kill -9 during sustained pushes never loses an acknowledged batch (10 rounds)', { timeout: 180_000 }, async () => {
  const tmp = await makeTempDir('wp-crash-');
  try {
    const allAcked: number[] = [];
    for (let round = 0; round < 10; round++) {
      const acked = await pushThenKill(tmp.dir, round * 1_000_000, 150 + round * 37);
      allAcked.push(...acked);
      // No background work (cuts, spare segments, maintenance) in this store, so that
      // abandoning it below leaves the directory as a killed process would.
      const store = await createStore({ dataDir: tmp.dir, maxChunkBytes: 1 << 30, walPreallocate: false, maintenanceIntervalMs: 3600_000 });
      try {
        const res = await collect(store, { selector: selector(['job', '=', 'crash']) });
        const lines = new Set<string>();
        let total = 0;
        for (const s of res.values()) {
          for (const l of s.lines) lines.add(l);
          total += s.lines.length;
        }
        assert.equal(total, lines.size, `round ${round}: duplicated entries after replay`);
        const missing = allAcked.filter((id) => !lines.has(`batch ${id} line 0 ${'p'.repeat(100)}`) || !lines.has(`batch ${id} line 19 ${'p'.repeat(100)}`));
        assert.deepEqual(missing, [], `round ${round}: acknowledged batches missing after kill -9`);
      } finally {
        // Alternate: close cleanly (heads cut to chunks) or abandon the store as another crash.
        if (round % 2 === 0) await store.close();
      }
    }
  } finally {
    await tmp.cleanup();
  }
});
