// `watchpost ship --once` (backfill) and the command line, against a fake Loki.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FakeLoki } from '../../src/shipper/index.js';
import { createShipFixture, spawnShip } from '../support/ship-process.js';

async function setup(t: { after(fn: () => Promise<void>): void }): Promise<{ dir: string; loki: FakeLoki; write(config: string): string }> {
  const { dir, loki } = await createShipFixture(t, 'ship-e2e-');
  return {
    dir,
    loki,
    write(config) {
      const file = join(dir, 'promtail.yaml');
      writeFileSync(file, config);
      return file;
    },
  };
}

function config(dir: string, url: string, extraClient = ''): string {
  return `server: {http_listen_port: 0}
positions: {filename: ${dir}/positions.yaml}
clients:
  - url: ${url}
    backoff_config: {min_period: 10ms, max_period: 20ms, max_retries: 2}${extraClient}
scrape_configs:
  - job_name: backfill
    static_configs:
      - labels: {job: backfill, __path__: ${dir}/*.log}
`;
}

test('watchpost ship --once delivers every line, prints progress lines off a terminal and exits 0', async (t) => {
  const { dir, loki, write } = await setup(t);
  const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
  writeFileSync(join(dir, 'a.log'), lines.join('\n') + '\n');
  const ship = spawnShip(['--once', '--config', write(config(dir, loki.url))]);
  assert.equal(await ship.exited(), 0, ship.stderr());
  assert.deepEqual(loki.acceptedLines(), lines);
  assert.match(ship.stderr(), /100\.0% 20000 lines read, 20000 acknowledged/);
  assert.match(ship.stderr(), /shipped 20000 of 20000 lines read; 0 dropped/);
  assert.equal(readFileSync(join(dir, 'positions.yaml'), 'utf8'), `positions:\n  ${dir}/a.log: "${Buffer.byteLength(lines.join('\n') + '\n')}"\n`);
});

test('watchpost ship --once exits 69 when the store refuses entries, naming the count', async (t) => {
  const { dir, loki, write } = await setup(t);
  writeFileSync(join(dir, 'a.log'), 'x\ny\n');
  loki.answerWith(() => ({ status: 400, body: 'entry too far behind' }));
  const ship = spawnShip(['--once', `-config.file=${write(config(dir, loki.url))}`]);
  assert.equal(await ship.exited(), 69);
  assert.match(ship.stderr(), /error\[ERR_SHIP_PUSH\]: the store refused 2 entries/);
});

test('watchpost ship --once exits 69 after max_retries when the store is down, keeping the batch for the next run', async (t) => {
  const { dir, loki, write } = await setup(t);
  writeFileSync(join(dir, 'a.log'), 'x\ny\n');
  loki.answerWith(() => ({ status: 503 }));
  const file = write(config(dir, loki.url));
  const first = spawnShip(['--once', `-config.file=${file}`]);
  assert.equal(await first.exited(), 69);
  assert.match(first.stderr(), /no answer after 2 retries/);
  loki.answerWith(undefined);
  const second = spawnShip(['--once', `-config.file=${file}`]);
  assert.equal(await second.exited(), 0, second.stderr());
  assert.deepEqual(loki.acceptedLines(), ['x', 'y']);
});

test('watchpost ship -config.expand-env=true expands ${VAR:-default} in the config', async (t) => {
  const { dir, loki, write } = await setup(t);
  writeFileSync(join(dir, 'a.log'), 'hello\n');
  const file = write(config(dir, '${LOKI_URL:-http://127.0.0.1:1/unused}'));
  const ship = spawnShip(['--once', `-config.file=${file}`, '-config.expand-env=true'], { env: { LOKI_URL: loki.url } });
  assert.equal(await ship.exited(), 0, ship.stderr());
  assert.deepEqual(loki.acceptedLines(), ['hello']);
});

test('watchpost ship -dry-run prints entries to stdout and sends nothing', async (t) => {
  const { dir, loki, write } = await setup(t);
  writeFileSync(join(dir, 'a.log'), 'hello\n');
  const ship = spawnShip(['--once', '-dry-run', `-config.file=${write(config(dir, loki.url))}`]);
  assert.equal(await ship.exited(), 0, ship.stderr());
  assert.match(ship.stdout(), new RegExp(`\\+0000\\t\\{filename="${dir}/a.log", job="backfill"\\}\\thello\\n$`));
  assert.equal(loki.received.length, 0);
});

test('watchpost ship refuses an unknown key naming its path, exit 78', async (t) => {
  const { dir, loki, write } = await setup(t);
  const ship = spawnShip([`-config.file=${write(config(dir, loki.url, '\n    batchwiat: 1s'))}`]);
  assert.equal(await ship.exited(), 78);
  assert.match(ship.stderr(), /error\[ERR_CONFIG_INVALID\]: .*promtail\.yaml: line 6: clients\[0\]: field batchwiat not found/);
});

test('watchpost ship -check-syntax validates the config, stages included', async (t) => {
  const { dir, loki, write } = await setup(t);
  const ok = spawnShip(['-check-syntax', `-config.file=${write(config(dir, loki.url))}`]);
  assert.equal(await ok.exited(), 0, ok.stderr());
  assert.equal(ok.stdout(), 'Valid config file! No syntax issues found\n');
  const bad = spawnShip(['-check-syntax', `-config.file=${write(`${config(dir, loki.url)}    pipeline_stages: [{json: {}}]\n`)}`]);
  assert.equal(await bad.exited(), 78);
  assert.match(bad.stderr(), /error\[ERR_CONFIG_INVALID\]: .*json/);
});
