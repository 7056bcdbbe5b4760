import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { apparmorProfilesTable } from './apparmor-profiles.js';
import { securebootTable } from './secureboot.js';
import { findSelinuxfsMount, selinuxSettingsTable } from './selinux-settings.js';

const kernel = join(import.meta.dirname, 'testdata/kernel');
const empty = join(import.meta.dirname, 'testdata/host');

test('apparmor_profiles walks profiles and subprofiles in osquery order, preferring sha256', () => {
  const { rows, warnings } = runGenerator(apparmorProfilesTable, { paths: { root: kernel } });
  assert.deepEqual(rows.map((r) => [r.path, r.name, r.attach, r.mode, r.sha1, r.sha256]), [
    ['/usr/sbin/cupsd', '/usr/sbin/cupsd', '/usr/sbin/cupsd', 'enforce', '', 'b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1'],
    ['/usr/sbin/cupsd//third_party', 'third_party', '<unconfined>', 'enforce', '0123456789abcdef0123456789abcdef01234567', ''],
    ['nvidia_modprobe', 'nvidia_modprobe', 'nvidia_modprobe', 'complain', '', 'aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44'],
  ]);
  assert.deepEqual(warnings, [`Failed to open the following AppArmor profile: /sys/kernel/security/apparmor/policy/profiles/broken.2`]);
});

test('selinux_settings reads the selinuxfs mount: root keys, booleans, capabilities, contexts, class permissions', () => {
  const { rows, warnings } = runGenerator(selinuxSettingsTable, { paths: { root: kernel } });
  assert.deepEqual(rows.map((r) => [r.scope, r.key, r.value]), [
    ['', 'checkreqprot', '0'],
    ['', 'deny_unknown', '0'],
    ['', 'enforce', '1'],
    ['', 'mls', '1'],
    ['', 'policyvers', '33'],
    ['', 'reject_unknown', ''],
    ['booleans', 'httpd_can_network_connect', 'off'],
    ['booleans', 'ssh_sysadm_login', 'on'],
    ['policy_capabilities', 'network_peer_controls', '1'],
    ['initial_contexts', 'kernel', 'system_u:system_r:kernel_t:s0'],
    ['class', 'dir/perms', 'search'],
    ['class', 'file/perms', 'read'],
    ['class', 'file/perms', 'write'],
  ]);
  assert.equal(warnings.length, 2, warnings.join('\n'));
});

test('findSelinuxfsMount finds the first selinuxfs and decodes octal escapes', () => {
  assert.equal(findSelinuxfsMount('none /a\\040b selinuxfs rw 0 0\nselinuxfs /sys/fs/selinux selinuxfs rw 0 0\n'), '/a b');
  assert.equal(findSelinuxfsMount('proc /proc proc rw 0 0\n'), undefined);
});

test('secureboot reads SecureBoot and SetupMode from efivars: 0/1 as is, other values -1', () => {
  const { rows, warnings } = runGenerator(securebootTable, { paths: { root: kernel } });
  assert.deepEqual(rows, [{ secure_boot: 1, setup_mode: -1 }]);
  assert.equal(warnings.length, 1);
});

test('apparmor, selinux and secureboot return no rows where the kernel lacks them', () => {
  for (const table of [apparmorProfilesTable, selinuxSettingsTable, securebootTable]) {
    assert.deepEqual(runGenerator(table, { paths: { root: empty } }), { rows: [], warnings: [] }, table.name);
  }
});

test('apparmor_profiles, selinux_settings and secureboot live rows have osquery column shapes', () => {
  const maps = [
    [apparmorProfilesTable, { path: 'NonEmptyString', name: 'NonEmptyString', mode: 'NonEmptyString', attach: 'String', sha1: 'String', sha256: 'String' }],
    [selinuxSettingsTable, { scope: 'String', key: 'NonEmptyString', value: 'String' }],
    [securebootTable, { secure_boot: 'IntOrEmpty', setup_mode: 'IntOrEmpty' }],
  ] as const;
  for (const [table, map] of maps) assert.deepEqual(validateRows(table.name, runGenerator(table).rows, map), [], table.name);
});
