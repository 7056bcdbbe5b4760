import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createFakeLoki } from '../testing/fake-loki.js';
import { createShipHarness, waitUntil } from '../testing/ship-harness.js';

const lines = (prefix: string, n: number, from = 0) => Array.from({ length: n }, (_, i) => `${prefix} ${i + from}`);
const text = (ls: string[]) => ls.map((l) => `${l}\n`).join('');

function fileScrape(pattern: string, extraLabels = ''): string {
  return `- job_name: files
  static_configs:
    - targets: [localhost]
      labels: {job: app, __path__: "${pattern}"${extraLabels}}`;
}

test('Shipper tails existing and appended lines with job and filename labels', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const file = join(h.dir, 'a.log');
  writeFileSync(file, text(lines('a', 3)) + 'partial');
  const shipper = await h.start(h.config(fileScrape(join(h.dir, '*.log'))));
  await h.loki.waitForLines(3);
  const ready = await fetch(`${shipper.server!.url}/ready`);
  assert.equal(ready.status, 200);
  assert.equal(await ready.text(), 'Ready');
  appendFileSync(file, ' line\r\n' + text(lines('a', 2, 3)));
  await h.loki.waitForLines(6);
  assert.deepEqual(h.loki.acceptedLines(), [...lines('a', 3), 'partial line\r', ...lines('a', 2, 3)].slice(0, 6));
  assert.equal(h.loki.accepted[0]?.streams[0]?.labels, `{filename="${file}", job="app"}`);
});

test('Shipper picks up new files matching a ** glob and skips __path_exclude__', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  mkdirSync(join(h.dir, 'logs/deep'), { recursive: true });
  const shipper = await h.start(h.config(fileScrape(join(h.dir, 'logs/**/*.log'), `, __path_exclude__: "${join(h.dir, 'logs/**/skip*.log')}"`)));
  const notReady = await fetch(`${shipper.server!.url}/ready`);
  assert.equal(notReady.status, 500, 'not ready before any file matches');
  assert.match(await notReady.text(), /^Not ready: Unable to find any logs to tail/);
  writeFileSync(join(h.dir, 'logs/deep/new.log'), text(lines('new', 2)));
  writeFileSync(join(h.dir, 'logs/skip-me.log'), text(lines('skip', 2)));
  writeFileSync(join(h.dir, 'logs/top.log'), text(lines('top', 1)));
  await h.loki.waitForLines(3);
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(h.loki.acceptedLines().sort(), ['new 0', 'new 1', 'top 0']);
});

test('Shipper follows rename rotation: the old file to its end, then the new one, each line once', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const file = join(h.dir, 'app.log');
  writeFileSync(file, text(lines('x', 3)));
  // The rotated name still matches the glob: it must not be read again from 0.
  await h.start(h.config(fileScrape(join(h.dir, 'app.log*'))));
  await h.loki.waitForLines(3);
  appendFileSync(file, text(lines('x', 2, 3)));
  renameSync(file, `${file}.1`);
  writeFileSync(file, text(lines('x', 3, 5)));
  await h.loki.waitForLines(8);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(h.loki.acceptedLines(), lines('x', 8));
});

test('Shipper follows copytruncate rotation: reads again from 0 after the truncation', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const file = join(h.dir, 'app.log');
  writeFileSync(file, text(lines('y', 4)));
  await h.start(h.config(fileScrape(file)));
  await h.loki.waitForLines(4);
  copyFileSync(file, `${file}.1`);
  truncateSync(file, 0);
  await new Promise((r) => setTimeout(r, 100));
  appendFileSync(file, text(lines('y', 2, 4)));
  await h.loki.waitForLines(6);
  assert.deepEqual(h.loki.acceptedLines(), lines('y', 6));
});

test('Shipper resumes from the positions file after a restart without re-sending', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const file = join(h.dir, 'app.log');
  writeFileSync(file, text(lines('p', 5)));
  const config = h.config(fileScrape(file));
  const first = await h.start(config);
  await h.loki.waitForLines(5);
  await first.stop();
  const positions = readFileSync(join(h.dir, 'positions.yaml'), 'utf8');
  assert.equal(positions, `positions:\n  ${file}: "${Buffer.byteLength(text(lines('p', 5)))}"\n`);
  appendFileSync(file, text(lines('p', 3, 5)));
  await h.start(config);
  await h.loki.waitForLines(8);
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(h.loki.acceptedLines(), lines('p', 8));
});

test('Shipper keeps lines through a store outage and delivers every one in order', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const file = join(h.dir, 'app.log');
  let down = true;
  h.loki.answerWith(() => (down ? { status: 503, body: 'unavailable' } : { status: 204 }));
  const shipper = await h.start(h.config(fileScrape(file), { client: 'batchsize: 200' }));
  writeFileSync(file, '');
  for (let i = 0; i < 10; i++) {
    appendFileSync(file, text(lines('o', 50, i * 50)));
    await new Promise((r) => setTimeout(r, 20));
  }
  await waitUntil(() => h.loki.received.length >= 3, 'failed pushes');
  // Positions may pass lines once they are safe in the on-disk buffer, never before.
  down = false;
  await h.loki.waitForLines(500);
  assert.deepEqual(h.loki.acceptedLines(), lines('o', 500));
  await waitUntil(() => shipper.clients[0]!.ackedEntries === 500, 'acknowledgements');
});

test('Shipper in dry-run prints entries instead of sending them', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const file = join(h.dir, 'app.log');
  writeFileSync(file, 'hello\n');
  const printed: string[] = [];
  await h.start(h.config(fileScrape(file)), { dryRun: (s) => printed.push(s) });
  await waitUntil(() => printed.length === 1, 'a printed entry');
  assert.match(printed[0]!, new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?\\+0000\\t\\{filename="${file}", job="app"\\}\\thello\\n$`));
  assert.equal(h.loki.received.length, 0);
});

test('Shipper keeps positions behind an entry a stage still holds (multiline), then passes it once flushed', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const file = join(h.dir, 'app.log');
  const first = 'START a\ncont a\n';
  writeFileSync(file, `${first}START b\n`);
  const shipper = await h.start(
    h.config(`- job_name: ml
  static_configs:
    - labels: {job: ml, __path__: "${file}"}
  pipeline_stages:
    - multiline: {firstline: '^START', max_wait_time: 1h}`),
  );
  await h.loki.waitForLines(1);
  await waitUntil(() => shipper.clients[0]!.idle(), 'the first block acknowledged');
  shipper.commitPositions();
  assert.deepEqual(h.loki.acceptedLines(), ['START a\ncont a']);
  assert.equal(shipper.positions.get(file), undefined, 'the held line is in the only chunk read, so no position yet');
  await shipper.stop();
  assert.deepEqual(h.loki.acceptedLines(), ['START a\ncont a', 'START b']);
  assert.equal(shipper.positions.get(file), String(Buffer.byteLength(`${first}START b\n`)));
});

test('Shipper pauses reading while a blocking limit stage holds entries, and delivers every line in order', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const file = join(h.dir, 'app.log');
  const padded = lines('l', 20_000).map((l) => `${l} ${'.'.repeat(90)}`);
  writeFileSync(file, text(padded));
  const shipper = await h.start(
    h.config(`- job_name: limited
  static_configs:
    - labels: {job: limited, __path__: "${file}"}
  pipeline_stages:
    - limit: {rate: 20000, burst: 1000, drop: false}`),
  );
  let maxAhead = 0;
  const timer = setInterval(() => (maxAhead = Math.max(maxAhead, shipper.linesRead - h.loki.acceptedLines().length)), 5);
  t.after(() => clearInterval(timer));
  await h.loki.waitForLines(20_000);
  assert.deepEqual(h.loki.acceptedLines(), padded);
  // Without the pause the whole file (20,000 lines) would sit in the stage; with it, about a chunk (~2,600 lines) and a batch.
  assert.ok(maxAhead < 10_000, `reading paused (at most ${maxAhead} lines ahead of delivery)`);
});

test('Shipper pauses reading when the buffer is full, stops cleanly while paused, and loses nothing after a restart', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const file = join(h.dir, 'app.log');
  const all = lines('f', 5000).map((l) => `${l} ${'-'.repeat(60)}`);
  writeFileSync(file, text(all));
  let down = true;
  h.loki.answerWith(() => (down ? { status: 503 } : { status: 204 }));
  const config = h.config(fileScrape(file), { client: 'batchsize: 2000' });
  const first = await h.start(config, { bufferMaxBytes: 4000 });
  const paused = async () => (await first.registry.getSingleMetric('watchpost_shipper_reading_paused')?.get())?.values[0]?.value === 1;
  const deadline = Date.now() + 15_000;
  while (!(await paused())) {
    if (Date.now() > deadline) throw new Error('reading never paused');
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(first.linesRead < all.length, 'reading stopped before the end of the file');
  await first.stop(100);
  down = false;
  await h.start(config, { bufferMaxBytes: 4000 });
  await waitUntil(() => new Set(h.loki.acceptedLines()).size === all.length, 'every line after the restart');
  const seen = new Set<string>();
  assert.deepEqual(h.loki.acceptedLines().filter((l) => (seen.has(l) ? false : (seen.add(l), true))), all);
});

test('Shipper sends every entry to every client, each at its own pace', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const second = await createFakeLoki();
  t.after(() => second.close());
  let down = true;
  second.answerWith(() => (down ? 'hangup' : { status: 204 }));
  const file = join(h.dir, 'app.log');
  writeFileSync(file, text(lines('m', 50)));
  await h.start(h.config(fileScrape(file), { client: 'tenant_id: a', moreClients: [`url: ${second.url}\ntenant_id: b\nbackoff_config: {min_period: 10ms, max_period: 20ms}`] }));
  await h.loki.waitForLines(50);
  await waitUntil(() => second.received.length >= 2, 'retries to the second client');
  down = false;
  await second.waitForLines(50);
  assert.deepEqual(h.loki.acceptedLines(), lines('m', 50));
  assert.deepEqual(second.acceptedLines(), lines('m', 50));
  assert.deepEqual([h.loki.accepted[0]?.headers['x-scope-orgid'], second.accepted[0]?.headers['x-scope-orgid']], ['a', 'b']);
});
