import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { sudoersTable } from './sudoers.js';

const root = join(import.meta.dirname, 'testdata/host');

test('sudoers follows #include and @includedir like osquery, joining continued lines', () => {
  const { rows } = runGenerator(sudoersTable, { paths: { root } });
  assert.deepEqual(
    rows.map((r) => [r.source, r.header, r.rule_details]),
    [
      ['/etc/sudoers', 'Defaults', 'env_reset'],
      ['/etc/sudoers', 'Defaults', 'secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"'],
      ['/etc/sudoers', 'Cmnd_Alias', 'SHUTDOWN = /sbin/halt, /sbin/reboot, /sbin/poweroff'],
      ['/etc/sudoers', 'root', 'ALL=(ALL:ALL) ALL'],
      ['/etc/sudoers', '%sudo', 'ALL=(ALL:ALL) ALL'],
      ['/etc/sudoers', '#include', 'sudoers.local'],
      ['/etc/sudoers.local', 'alice', 'ALL=(ALL) NOPASSWD: /usr/bin/apt'],
      ['/etc/sudoers', '@includedir', '/etc/sudoers.d'],
      ['/etc/sudoers.d/10-admins', 'bob', 'ALL=(ALL) ALL'],
      ['/etc/sudoers.d/10-admins', '@include', '../sudoers.extra'],
      ['/etc/sudoers.d/../sudoers.extra', 'Defaults:bob', '!lecture'],
    ],
  );
});

test('sudoers returns nothing when /etc/sudoers is missing', () => {
  const { rows } = runGenerator(sudoersTable, { paths: { root: join(import.meta.dirname, 'testdata/systemd') } });
  assert.deepEqual(rows, []);
});

test('sudoers live rows have osquery column shapes', () => {
  const { rows } = runGenerator(sudoersTable);
  assert.deepEqual(validateRows('sudoers', rows, { source: 'NonEmptyString', header: 'NonEmptyString', rule_details: 'NonEmptyString' }), []);
});
