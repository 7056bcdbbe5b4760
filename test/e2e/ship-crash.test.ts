// At-least-once delivery of `watchpost ship`: kill -9 mid-stream, and a store
// outage with a kill -9 in the middle of it, then a restart: nothing is lost
// and lines arrive in order (the first time each is seen).
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createShipFixture, spawnShip } from '../support/ship-process.js';

function configText(dir: string, url: string): string {
  return `server: {http_listen_port: 0}
positions: {filename: ${dir}/positions.yaml, sync_period: 100ms}
target_config: {sync_period: 100ms}
global: {file_watch_config: {min_poll_frequency: 20ms}}
clients:
  - url: ${url}
    batchwait: 50ms
    batchsize: 4096
    backoff_config: {min_period: 20ms, max_period: 100ms, max_retries: 0}
scrape_configs:
  - job_name: crash
    static_configs:
      - labels: {job: crash, __path__: ${dir}/app.log}
`;
}

function firstOccurrences(lines: string[]): string[] {
  const seen = new Set<string>();
  return lines.filter((l) => (seen.has(l) ? false : (seen.add(l), true)));
}

const line = (i: number) => `event ${String(i).padStart(6, '0')} ${'x'.repeat(40)}`;

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('watchpost ship killed with -9 mid-stream loses nothing after a restart', async (t) => {
  const { dir, loki } = await createShipFixture(t, 'ship-crash-');
  const config = join(dir, 'promtail.yaml');
  writeFileSync(config, configText(dir, loki.url));
  const file = join(dir, 'app.log');
  writeFileSync(file, '');
  const total = 6000;
  let written = 0;
  const writeSome = (n: number) => {
    let chunk = '';
    for (let i = 0; i < n && written < total; i++) chunk += `${line(written++)}\n`;
    appendFileSync(file, chunk);
  };
  const first = spawnShip([`-config.file=${config}`]);
  t.after(() => first.kill9());
  while (loki.acceptedLines().length < 2000) {
    writeSome(100);
    await new Promise((r) => setTimeout(r, 10));
    if (first.child.exitCode !== null) throw new Error(first.stderr());
  }
  writeSome(500); // read or not, these are in flight when the process dies
  await first.kill9();
  while (written < total) writeSome(500);
  const second = spawnShip([`-config.file=${config}`]);
  t.after(() => second.kill9());
  await waitFor(() => new Set(loki.acceptedLines()).size === total, 'every line after the restart');
  const expected = Array.from({ length: total }, (_, i) => line(i));
  assert.deepEqual(firstOccurrences(loki.acceptedLines()), expected);
  assert.equal(await second.stop(), 0);
});

test('watchpost ship keeps lines on disk through a store outage, survives kill -9 in it, and delivers all in order', async (t) => {
  const { dir, loki } = await createShipFixture(t, 'ship-outage-');
  let down = true;
  loki.answerWith(() => (down ? { status: 503, body: 'store unavailable' } : { status: 204 }));
  const config = join(dir, 'promtail.yaml');
  writeFileSync(config, configText(dir, loki.url));
  const file = join(dir, 'app.log');
  const expected = Array.from({ length: 4000 }, (_, i) => line(i));
  writeFileSync(file, expected.slice(0, 3000).map((l) => `${l}\n`).join(''));
  const first = spawnShip([`-config.file=${config}`]);
  t.after(() => first.kill9());
  const bufferDir = join(dir, 'watchpost-buffer');
  const spooled = () => {
    try {
      return readdirSync(bufferDir).some((d) => readdirSync(join(bufferDir, d)).some((f) => f.endsWith('.seg')));
    } catch {
      return false;
    }
  };
  await waitFor(() => spooled() && loki.received.length >= 3, 'batches in the on-disk buffer');
  await new Promise((r) => setTimeout(r, 1000)); // the outage goes on for a while
  await first.kill9();
  appendFileSync(file, expected.slice(3000).map((l) => `${l}\n`).join(''));
  const second = spawnShip([`-config.file=${config}`]);
  t.after(() => second.kill9());
  await new Promise((r) => setTimeout(r, 500)); // still down after the restart
  down = false;
  await waitFor(() => new Set(loki.acceptedLines()).size === expected.length, 'every line after the outage');
  assert.deepEqual(firstOccurrences(loki.acceptedLines()), expected);
  assert.equal(await second.stop(), 0);
});
