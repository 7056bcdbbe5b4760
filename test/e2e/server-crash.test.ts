// Crash safety of `watchpost server`, as users run it: the built CLI in a child
// process takes a sustained HTTP push from 4 concurrent clients, is killed with
// SIGKILL at a random moment, restarts on the same data dir, and every line it
// acknowledged (204) before the kill must be queryable. Ten rounds, each
// checking every earlier round too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeededRandom } from '../support/seeded-random.js';
import { startServerProcess, type ServerProcess } from '../support/watchpost-server.js';

const rounds = 10;
const workers = 4;
const linesPerBatch = 20;

interface Acked {
  readonly round: number;
  readonly lines: Set<string>;
}

async function pushUntilKilled(server: ServerProcess, round: number, baseNs: bigint, stopAfterMs: number): Promise<Set<string>> {
  const acked = new Set<string>();
  let killed = false;
  let firstAck: () => void = () => {};
  const acknowledged = new Promise<void>((resolve) => (firstAck = resolve));
  const pusher = async (w: number): Promise<void> => {
    for (let b = 0; !killed; b++) {
      const values: [string, string][] = [];
      for (let i = 0; i < linesPerBatch; i++) {
        const seq = BigInt(b * linesPerBatch + i);
        values.push([(baseNs + seq * 1000n).toString(), `round=${round} worker=${w} batch=${b} line=${i}`]);
      }
      const body = JSON.stringify({ streams: [{ stream: { test: 'crash', round: String(round), worker: String(w) }, values }] });
      try {
        const res = await fetch(`${server.url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
        await res.arrayBuffer();
        if (res.status !== 204) throw new Error(`push answered ${res.status}`);
        for (const [, line] of values) acked.add(line);
        firstAck();
      } catch (err) {
        if (killed) return;
        throw err;
      }
    }
  };
  const running = Array.from({ length: workers }, (_, w) => pusher(w).catch((err: unknown) => (killed ? undefined : Promise.reject(err))));
  // The kill comes at a random moment after the first acknowledgement, so every round has something to lose.
  await Promise.race([acknowledged, Promise.all(running)]);
  await new Promise((r) => setTimeout(r, stopAfterMs));
  killed = true;
  await server.kill9();
  await Promise.all(running);
  return acked;
}

async function queryRound(url: string, round: number, baseNs: bigint): Promise<Set<string>> {
  const found = new Set<string>();
  let startNs = baseNs - 1n;
  for (;;) {
    const qs = new URLSearchParams({ query: `{test="crash", round="${round}"}`, start: startNs.toString(), end: (baseNs + 3_600_000_000_000n).toString(), limit: '5000', direction: 'forward' });
    const res = await fetch(`${url}/loki/api/v1/query_range?${qs}`);
    assert.equal(res.status, 200, await res.clone().text());
    const json = (await res.json()) as { data: { result: { values: [string, string][] }[] } };
    let n = 0;
    let last = startNs;
    for (const s of json.data.result) {
      for (const [ts, line] of s.values) {
        found.add(line);
        n++;
        if (BigInt(ts) > last) last = BigInt(ts);
      }
    }
    if (n < 5000) return found;
    startNs = last + 1n;
  }
}

test('kill -9 during a sustained push loses no acknowledged line (10 rounds)', { timeout: 240_000 }, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'watchpost-crash-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const random = createSeededRandom(20261203);
  const history: (Acked & { baseNs: bigint })[] = [];
  let server = await startServerProcess(dataDir);
  try {
    for (let round = 1; round <= rounds; round++) {
      const baseNs = BigInt(Date.now()) * 1_000_000n - 60_000_000_000n;
      const acked = await pushUntilKilled(server, round, baseNs, 150 + Math.floor(random() * 450));
      assert.ok(acked.size > 0, `round ${round}: nothing was acknowledged before the kill`);
      history.push({ round, lines: acked, baseNs });
      server = await startServerProcess(dataDir);
      for (const h of history) {
        const found = await queryRound(server.url, h.round, h.baseNs);
        const missing = [...h.lines].filter((l) => !found.has(l));
        assert.deepEqual(missing.slice(0, 5), [], `after round ${round}: ${missing.length} acknowledged lines of round ${h.round} are missing`);
      }
    }
  } finally {
    await server.stop();
  }
});
