import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { parseSshConfig, sshConfigsTable } from './ssh-configs.js';

const root = join(import.meta.dirname, 'testdata/host');
const warning = 'The ssh_configs table returns data based on the current user by default, consider JOINing against the users table';
const systemRows = [
  [0, '', 'include /etc/ssh/ssh_config.d/*.conf', '/etc/ssh/ssh_config'],
  [0, 'host *', 'sendenv lang lc_*', '/etc/ssh/ssh_config'],
  [0, 'host *', 'hashknownhosts yes', '/etc/ssh/ssh_config'],
];

test('parseSshConfig lowercases whole lines and groups options under Host and Match blocks', () => {
  assert.deepEqual(parseSshConfig('Host A\r\n  User X\n# c\n\n   \nMatch User b\n\tPort 1\nHost\tno-block\nHostName h\n'), [
    { block: 'host a', option: 'user x' },
    { block: 'match user b', option: 'port 1' },
    { block: 'match user b', option: 'host\tno-block' },
    { block: 'match user b', option: 'hostname h' },
  ]);
});

test('ssh_configs uid = 1000 reads that user, then /etc/ssh/ssh_config as uid 0', () => {
  const { rows, warnings } = runGenerator(sshConfigsTable, { paths: { root }, constraints: { uid: [{ op: '=', value: 1000 }] } });
  assert.deepEqual(warnings, []);
  const file = '/home/alice/.ssh/config';
  assert.deepEqual(rows.map((r) => [r.uid, r.block, r.option, r.ssh_config_file]), [
    [1000, '', 'forwardagent no', file],
    [1000, 'host github.com', 'user git', file],
    [1000, 'host github.com', 'identityfile ~/.ssh/id_ed25519', file],
    [1000, 'match host *.internal exec "test -f /tmp/on"', 'proxyjump bastion', file],
    [1000, 'match host *.internal exec "test -f /tmp/on"', 'host\ttabbed', file],
    [1000, 'match host *.internal exec "test -f /tmp/on"', 'port 2222', file],
    ...systemRows,
  ]);
});

test('ssh_configs without a uid constraint reads the calling user and warns', () => {
  const { rows, warnings } = runGenerator(sshConfigsTable, { paths: { root } });
  assert.deepEqual(warnings, [warning]);
  const own = process.getuid?.() === 0 ? [[0, 'host *', 'user root', '/root/.ssh/config']] : [];
  assert.deepEqual(rows.map((r) => [r.uid, r.block, r.option, r.ssh_config_file]), [...own, ...systemRows]);
});

test('ssh_configs live rows have osquery column shapes', () => {
  const { rows } = runGenerator(sshConfigsTable);
  assert.deepEqual(validateRows('ssh_configs', rows, { uid: 'NonNegativeInt', block: 'String', option: 'NonEmptyString', ssh_config_file: 'NonEmptyString' }), []);
});
