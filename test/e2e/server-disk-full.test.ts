// Disk full through HTTP: `watchpost server` on a small tmpfs answers pushes
// with 5xx once the disk is full, every line it acknowledged stays queryable,
// the failed batches are not, and pushes succeed again once space returns
// (the tmpfs is remounted bigger). Needs root for mount, as CI runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../support/watchpost-server.js';

function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir], { stdio: 'ignore' });
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

async function visibleLines(url: string, fromNs: bigint): Promise<Set<string>> {
  const found = new Set<string>();
  let start = fromNs;
  for (;;) {
    const qs = new URLSearchParams({ query: '{test="disk-full"}', start: start.toString(), end: (BigInt(Date.now()) * 1_000_000n + 60_000_000_000n).toString(), limit: '5000', direction: 'forward' });
    const res = await fetch(`${url}/loki/api/v1/query_range?${qs}`);
    assert.equal(res.status, 200);
    const json = (await res.json()) as { data: { result: { values: [string, string][] }[] } };
    let n = 0;
    for (const s of json.data.result) {
      for (const [ts, line] of s.values) {
        found.add(line);
        n++;
        if (BigInt(ts) >= start) start = BigInt(ts) + 1n;
      }
    }
    if (n < 5000) return found;
  }
}

test('a full disk answers pushes with 5xx, keeps every acknowledged line, and recovers when space returns', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-diskfull-'));
  if (!tryMount(dir)) {
    rmSync(dir, { recursive: true, force: true });
    t.skip('mount -t tmpfs is not permitted here (needs root)');
    return;
  }
  mkdirSync(join(dir, 'data'));
  const server = await startServerProcess(join(dir, 'data'));
  // One hook, in order: the server lets go of the files, then the tmpfs goes, then the directory.
  t.after(async () => {
    await server.stop();
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });

  const baseNs = BigInt(Date.now()) * 1_000_000n - 120_000_000_000n;
  const filler = 'x'.repeat(200);
  const acked = new Set<string>();
  const failed = new Set<string>();
  let seq = 0n;
  let failure = 0;
  for (let batch = 0; batch < 2000 && failure === 0; batch++) {
    const lines: [string, string][] = [];
    for (let i = 0; i < 100; i++, seq++) lines.push([(baseNs + seq).toString(), `batch=${batch} line=${i} ${filler}`]);
    const status = await push(server.url, lines);
    if (status === 204) for (const [, l] of lines) acked.add(l);
    else {
      failure = status;
      for (const [, l] of lines) failed.add(l);
    }
  }
  assert.ok(failure >= 500 && failure < 600, `expected a 5xx once the disk is full, got ${failure}`);
  assert.ok(acked.size > 0);

  const visible = await visibleLines(server.url, baseNs);
  assert.deepEqual([...acked].filter((l) => !visible.has(l)).slice(0, 3), [], 'acknowledged lines are missing');
  assert.deepEqual([...failed].filter((l) => visible.has(l)).slice(0, 3), [], 'lines of the refused push are visible');

  execFileSync('mount', ['-o', 'remount,size=64m', dir], { stdio: 'ignore' });
  let recovered = 0;
  for (let attempt = 0; attempt < 50 && recovered !== 204; attempt++) {
    recovered = await push(server.url, [[(baseNs + seq + BigInt(attempt)).toString(), `after recovery ${attempt}`]]);
    if (recovered !== 204) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(recovered, 204, 'pushes do not succeed again after space returned');
});
