import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { parseDesktopEntry, startupItemsTable } from './startup-items.js';
import { createSystemdFixture } from './systemd-fixture.js';

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const columns = ['name', 'path', 'type', 'source', 'status', 'username'] as const;

test('parseDesktopEntry keeps Name= and Exec= only when the line has a single "=" run', () => {
  assert.deepEqual(parseDesktopEntry('Name=A\nExec=run --x=1\nName[de]=B\n'), { name: 'A' });
  assert.deepEqual(parseDesktopEntry('Exec=run\nName=First\nName=Last\n'), { name: 'Last', path: 'run' });
});

test('startup_items lists autostart entries, scripts and systemd units in osquery order', () => {
  const root = createSystemdFixture();
  roots.push(root);
  cpSync(join(import.meta.dirname, 'testdata/startup'), root, { recursive: true });
  const { rows } = runGenerator(startupItemsTable, { paths: { root } });
  const items = rows.filter((r) => r.type === 'Startup Item');
  assert.deepEqual(items.map((r) => columns.map((c) => r[c] ?? '')), [
    // The last Name= wins, even one of a [Desktop Action] group.
    ['New Note', 'notes', 'Startup Item', '/home/alice/.config/autostart/', 'enabled', 'alice'],
    // Exec= with an '=' in its arguments is dropped.
    ['Syncer', '', 'Startup Item', '/home/alice/.config/autostart/', 'enabled', 'alice'],
    ['backup.sh', '/home/alice/.config/autostart-scripts/backup.sh', 'Startup Item', '/home/alice/.config/autostart-scripts/', 'enabled', 'alice'],
    ['Root tool', '/usr/bin/tool', 'Startup Item', '/root/.config/autostart/', 'enabled', ''],
    ['ssh', '/etc/init.d/ssh', 'Startup Item', '/etc/init.d/', 'enabled', ''],
    ['AT-SPI D-Bus Bus', '/usr/libexec/at-spi-bus-launcher --launch-immediately', 'Startup Item', '/etc/xdg/autostart/', 'enabled', ''],
  ]);
  const units = rows.filter((r) => r.type === 'systemd unit');
  assert.equal(units.length, 10);
  assert.deepEqual(columns.map((c) => units.find((u) => u.name === 'home.mount')?.[c]), [
    'home.mount', '/run/systemd/generator/home.mount', 'systemd unit', '/etc/fstab', 'inactive', '',
  ]);
  assert.equal(units.find((u) => u.name === 'linked.service')?.username, 'svc');
});

test('startup_items skips systemd units when a manager runs but cannot be asked, as osquery does', () => {
  const root = createSystemdFixture({ withManager: true });
  roots.push(root);
  const { rows } = runGenerator(startupItemsTable, { paths: { root } });
  assert.deepEqual(rows.filter((r) => r.type === 'systemd unit'), []);
});

test('startup_items live rows have osquery column shapes', () => {
  const { rows } = runGenerator(startupItemsTable);
  assert.deepEqual(
    validateRows('startup_items', rows, {
      name: 'String', path: 'String', args: 'String', type: /^(Startup Item|systemd unit)$/, source: 'String',
      status: /^(enabled|active|inactive|failed|maintenance|reloading|activating|deactivating)$/, username: 'String',
    }),
    [],
  );
});
