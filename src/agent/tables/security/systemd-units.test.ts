import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createSqlEngine } from '../../index.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { startupItemsTable } from './startup-items.js';
import { createSystemdFixture } from './systemd-fixture.js';
import { systemdUnitsTable } from './systemd-units.js';

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const columns = ['id', 'load_state', 'unit_file_state', 'description', 'fragment_path', 'user', 'source_path'] as const;

test('systemd_units without a manager reads unit files: aliases, templates and dangling links are not units', () => {
  const root = createSystemdFixture();
  roots.push(root);
  const { rows, warnings } = runGenerator(systemdUnitsTable, { paths: { root } });
  assert.deepEqual(warnings, []);
  assert.deepEqual(rows.map((r) => columns.map((c) => r[c])), [
    ['basic.target', 'loaded', 'static', 'Basic System', '/lib/systemd/system/basic.target', '', ''],
    ['cron.service', 'loaded', 'disabled', 'Cron from a drop-in', '/lib/systemd/system/cron.service', 'cron-runner', ''],
    ['empty.service', 'masked', 'masked', 'empty.service', '/lib/systemd/system/empty.service', '', ''],
    ['getty@tty1.service', 'loaded', 'enabled', 'Getty on tty1', '/lib/systemd/system/getty@.service', '', ''],
    ['helper.service', 'loaded', 'indirect', 'helper.service', '/lib/systemd/system/helper.service', '', ''],
    ['home.mount', 'loaded', 'generated', 'home.mount', '/run/systemd/generator/home.mount', '', '/etc/fstab'],
    ['linked.service', 'loaded', 'linked', 'Linked from outside the search path', '/opt/units/linked.service', 'svc', ''],
    ['multiline.service', 'loaded', 'static', 'Multi line unit', '/lib/systemd/system/multiline.service', '', ''],
    ['old.service', 'masked', 'masked', 'old.service', '/etc/systemd/system/old.service', '', ''],
    ['ssh.service', 'loaded', 'enabled', 'OpenBSD Secure Shell server', '/lib/systemd/system/ssh.service', '', ''],
  ]);
  for (const r of rows) {
    assert.deepEqual([r.active_state, r.sub_state, r.following, r.job_id, r.job_type, r.job_path], ['inactive', 'dead', '', 0, '', '/'], String(r.id));
  }
  assert.equal(rows.find((r) => r.id === 'getty@tty1.service')?.object_path, '/org/freedesktop/systemd1/unit/getty_40tty1_2eservice');
});

test('systemd_units with a manager it cannot ask (fixture root) leaves the activation state empty', () => {
  const root = createSystemdFixture({ withManager: true });
  roots.push(root);
  const { rows } = runGenerator(systemdUnitsTable, { paths: { root } });
  assert.equal(rows.length, 10);
  assert.ok(rows.every((r) => r.active_state === '' && r.sub_state === ''));
});

test('systemd_units live rows have osquery column shapes (systemctl or unit files)', () => {
  const { rows } = runGenerator(systemdUnitsTable);
  assert.deepEqual(
    validateRows('systemd_units', rows, {
      id: 'NonEmptyString', description: 'String', load_state: 'NonEmptyString',
      active_state: /^(active|reloading|inactive|failed|activating|deactivating|maintenance|)$/, sub_state: 'String',
      unit_file_state: 'String', following: 'String', object_path: /^\/org\/freedesktop\/systemd1\/unit\/\w+$/,
      job_id: 'NonNegativeInt', job_type: 'String', job_path: /^\/(org\/freedesktop\/systemd1\/job\/\d+)?$/,
      fragment_path: 'String', user: 'String', source_path: 'String',
    }),
    [],
  );
});

test('SQL: systemd_units and startup_items through the engine on the unit-file fixture', async () => {
  const root = createSystemdFixture();
  roots.push(root);
  const engine = await createSqlEngine({ tables: new Map([systemdUnitsTable, startupItemsTable].map((t) => [t.name, t])), paths: { root } });
  try {
    const [enabled] = await engine.query("SELECT id, job_id FROM systemd_units WHERE unit_file_state = 'enabled' ORDER BY id");
    assert.deepEqual(enabled?.rows, [['getty@tty1.service', '0'], ['ssh.service', '0']]);
    const [items] = await engine.query("SELECT name, status FROM startup_items WHERE path LIKE '/opt/%'");
    assert.deepEqual(items?.rows, [['linked.service', 'inactive']]);
  } finally {
    await engine.close();
  }
});
