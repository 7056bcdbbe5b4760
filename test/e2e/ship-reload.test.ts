// SIGHUP reloads `watchpost ship`'s config through the same path as start-up;
// a config that does not load keeps the running one.
import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createShipFixture, spawnShip } from '../support/ship-process.js';

test('watchpost ship reloads its config on SIGHUP and keeps the old one when the new one is invalid', async (t) => {
  const { dir, loki } = await createShipFixture(t, 'ship-reload-');
  const file = join(dir, 'app.log');
  const config = join(dir, 'promtail.yaml');
  const write = (job: string) =>
    writeFileSync(
      config,
      `server: {http_listen_port: 0}
positions: {filename: ${dir}/positions.yaml, sync_period: 50ms}
target_config: {sync_period: 50ms}
global: {file_watch_config: {min_poll_frequency: 20ms}}
clients: [{url: ${loki.url}, batchwait: 20ms}]
scrape_configs:
  - job_name: app
    static_configs:
      - labels: {job: ${job}, __path__: ${file}}
`,
    );
  write('before');
  writeFileSync(file, 'one\n');
  const ship = spawnShip([`-config.file=${config}`]);
  t.after(() => ship.kill9());
  await loki.waitForLines(1);
  write('after');
  ship.child.kill('SIGHUP');
  const deadline = Date.now() + 20_000;
  while (!ship.stderr().includes('reloaded config') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  appendFileSync(file, 'two\n');
  await loki.waitForLines(2);
  const failures = () => ship.stderr().split('(reload failed, the running config stays)').length - 1;
  writeFileSync(config, 'clients: [{url: 12}]\nbogus: 1\n');
  ship.child.kill('SIGHUP');
  while (failures() < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  writeFileSync(config, `clients: [{url: ${loki.url}}]\nscrape_configs:\n  - job_name: x\n    pipeline_stages: [{nope: {}}]\n`);
  ship.child.kill('SIGHUP');
  while (failures() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.match(ship.stderr(), /error\[ERR_CONFIG_INVALID\]: .*Unknown stage type: nope/);
  appendFileSync(file, 'three\n');
  await loki.waitForLines(3);
  const labelsOf = (line: string) => loki.accepted.flatMap((p) => p.streams).find((s) => s.entries.some((e) => e.line === line))?.labels;
  assert.equal(labelsOf('one'), `{filename="${file}", job="before"}`);
  assert.equal(labelsOf('two'), `{filename="${file}", job="after"}`);
  assert.equal(labelsOf('three'), `{filename="${file}", job="after"}`);
  assert.deepEqual(loki.acceptedLines(), ['one', 'two', 'three']);
  assert.equal(await ship.stop(), 0);
});
