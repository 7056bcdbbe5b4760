// Child process of crash-safety.test.ts: opens the store in argv[2] and
// pushes batches forever from 4 concurrent pushers, printing `ack <id>` for
// every batch whose push resolved (i.e. was acknowledged as durable).
import { createStore } from '../create-store.js';

const dataDir = process.argv[2] as string;
const firstId = Number(process.argv[3] ?? '0');
const store = await createStore({
  dataDir,
  limits: { ingestionRateBytes: 1e12, ingestionBurstBytes: 1e12, perStreamRateBytes: 1e12, perStreamBurstBytes: 1e12 },
  maxChunkBytes: 64 * 1024,
  walSegmentBytes: 256 * 1024,
  maintenanceIntervalMs: 50,
});
let nextId = firstId;
process.stdout.write('ready\n');
async function pusher(worker: number): Promise<never> {
  for (;;) {
    const id = nextId++;
    const tsNs = BigInt(Date.now()) * 1_000_000n + BigInt(id % 1_000_000);
    const entries = Array.from({ length: 20 }, (_, k) => ({ tsNs: tsNs + BigInt(k), line: `batch ${id} line ${k} ${'p'.repeat(100)}` }));
    await store.push('fake', [{ labels: { app: `w${worker}`, job: 'crash' }, entries }]);
    process.stdout.write(`ack ${id}\n`);
  }
}
await Promise.all([0, 1, 2, 3].map(pusher));
