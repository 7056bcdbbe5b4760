// Disk full through HTTP: `watchpost server` on a small tmpfs answers pushes
// with 5xx once the disk is full, every line it acknowledged stays queryable,
// the failed batches are not, and pushes succeed again once space returns
// (the tmpfs is remounted bigger). Needs root for mount, as CI runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../support/watchpost-server.js';

function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=100m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function push(url: string, lines: [string, string][]): Promise<number> {
  const body = JSON.stringify({ streams: [{ stream: { test: 'disk-full' }, values: lines }] });
  const res = await fetch(`${url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  await res.arrayBuffer();
  return res.status;
}

/** How many lines of the test stream are stored (an instant count over the last 10 minutes). */
async function storedCount(url: string): Promise<number> {
  const qs = new URLSearchParams({ query: 'sum(count_over_time({test="disk-full"}[10m]))', time: (BigInt(Date.now()) * 1_000_000n + 60_000_000_000n).toString() });
  const res = await fetch(`${url}/loki/api/v1/query?${qs}`);
  assert.equal(res.status, 200);
  const json = (await res.json()) as { data: { result: { value: [number, string] }[] } };
  return Number(json.data.result[0]?.value[1] ?? 0);
}

/** The lines of one batch, exactly as pushed. */
async function batchLines(url: string, batch: number): Promise<string[]> {
  const qs = new URLSearchParams({ query: `{test="disk-full"} |= "batch=${batch} "`, start: (BigInt(Date.now()) * 1_000_000n - 600_000_000_000n).toString(), end: (BigInt(Date.now()) * 1_000_000n + 60_000_000_000n).toString(), limit: '5000' });
  const res = await fetch(`${url}/loki/api/v1/query_range?${qs}`);
  assert.equal(res.status, 200);
  const json = (await res.json()) as { data: { result: { values: [string, string][] }[] } };
  return json.data.result.flatMap((r) => r.values.map((v) => v[1]));
}

test('a full disk answers pushes with 5xx, keeps every acknowledged line, and recovers when space returns', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-diskfull-'));
  if (!tryMount(dir)) {
    rmSync(dir, { recursive: true, force: true });
    t.skip('mount -t tmpfs is not permitted here (needs root)');
    return;
  }
  mkdirSync(join(dir, 'data'));
  // Raised ingestion limits: the test pushes ~100 MB as fast as it can.
  writeFileSync(join(dir, 'config.yaml'), 'limits_config:\n  ingestion_rate_mb: 1024\n  ingestion_burst_size_mb: 1024\n  per_stream_rate_limit: 1GB\n  per_stream_rate_limit_burst: 1GB\n');
  const server = await startServerProcess(join(dir, 'data'), ['--config', join(dir, 'config.yaml')]);
  // One hook, in order: the server lets go of the files, then the tmpfs goes, then the directory.
  t.after(async () => {
    await server.stop();
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });

  // The store preallocates 64 MiB WAL segments; the 100 MiB disk fills after some tens of 1 MB pushes.
  const baseNs = BigInt(Date.now()) * 1_000_000n - 120_000_000_000n;
  let acked = 0;
  let lastAcked = -1;
  let failedBatch = -1;
  let failure = 0;
  let seq = 0n;
  for (let batch = 0; batch < 400 && failure === 0; batch++) {
    const lines: [string, string][] = [];
    // Random text: compressed chunks must not make the data small.
    for (let i = 0; i < 1000; i++, seq++) lines.push([(baseNs + seq).toString(), `batch=${batch} line=${i} ${randomBytes(750).toString('base64')}`]);
    const status = await push(server.url, lines);
    if (status === 204) {
      acked += lines.length;
      lastAcked = batch;
    } else {
      failure = status;
      failedBatch = batch;
    }
  }
  assert.ok(failure >= 500 && failure < 600, `expected a 5xx once the disk is full, got ${failure}`);
  assert.ok(acked > 0, 'nothing was acknowledged before the disk filled');

  // Every acknowledged line is stored and nothing of the refused push is.
  assert.equal(await storedCount(server.url), acked);
  assert.equal((await batchLines(server.url, lastAcked)).length, 1000);
  assert.deepEqual(await batchLines(server.url, failedBatch), []);

  execFileSync('mount', ['-o', 'remount,size=512m', dir], { stdio: 'ignore' });
  let recovered = 0;
  for (let attempt = 0; attempt < 50 && recovered !== 204; attempt++) {
    recovered = await push(server.url, [[(baseNs + seq + BigInt(attempt)).toString(), `after recovery ${attempt}`]]);
    if (recovered !== 204) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(recovered, 204, 'pushes do not succeed again after space returned');
});
