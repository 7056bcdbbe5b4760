import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { userSshKeysTable } from './user-ssh-keys.js';

let root = '';
const sshDir = '/home/alice/.ssh';

/** Generates one key with ssh-keygen (openssh-client) into the fixture's ~/.ssh. */
function generateKey(name: string, args: readonly string[], passphrase = ''): void {
  execFileSync('ssh-keygen', ['-q', ...args, '-N', passphrase, '-C', name, '-f', join(root, sshDir, name)], { stdio: 'ignore' });
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'watchpost-ssh-keys-'));
  mkdirSync(join(root, 'etc'));
  mkdirSync(join(root, sshDir), { recursive: true });
  writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n');
  generateKey('id_ed25519', ['-t', 'ed25519']);
  generateKey('id_ed25519_enc', ['-t', 'ed25519'], 'correct horse');
  generateKey('id_rsa_pem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM']);
  generateKey('id_rsa_pem_enc', ['-t', 'rsa', '-b', '2048', '-m', 'PEM'], 'correct horse');
  generateKey('id_rsa_pkcs8', ['-t', 'rsa', '-b', '3072', '-m', 'PKCS8']);
  generateKey('id_rsa_pkcs8_enc', ['-t', 'rsa', '-b', '3072', '-m', 'PKCS8'], 'correct horse');
  generateKey('id_ecdsa_pem', ['-t', 'ecdsa', '-b', '384', '-m', 'PEM']);
  writeFileSync(join(root, sshDir, 'config'), 'Host *\n  User alice\n');
  writeFileSync(join(root, sshDir, '.hidden_key'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n');
  mkdirSync(join(root, sshDir, 'sockets'));
});

after(() => rmSync(root, { recursive: true, force: true }));

test('user_ssh_keys reports every private key in ~/.ssh as osquery does, generated with ssh-keygen', () => {
  const { rows, warnings } = runGenerator(userSshKeysTable, { paths: { root }, constraints: { uid: [{ op: '=', value: 1000 }] } });
  assert.deepEqual(warnings, []);
  const at = (name: string): string => `${sshDir}/${name}`;
  assert.deepEqual(
    rows.map((r) => [r.path, r.uid, r.encrypted, r.key_type, r.key_group_name, r.key_length, r.key_security_bits]),
    [
      [at('id_ecdsa_pem'), 1000, 0, 'ec', 'secp384r1', 384, 192],
      [at('id_ed25519'), 1000, 0, '', '', -1, -1],
      [at('id_ed25519_enc'), 1000, 1, '', '', -1, -1],
      [at('id_rsa_pem'), 1000, 0, 'rsa', '', 2048, 112],
      [at('id_rsa_pem_enc'), 1000, 1, '', '', -1, -1],
      [at('id_rsa_pkcs8'), 1000, 0, 'rsa', '', 3072, 128],
      [at('id_rsa_pkcs8_enc'), 1000, 1, '', '', -1, -1],
    ],
  );
});

test('user_ssh_keys without uid reads the calling user and warns', () => {
  const { rows, warnings } = runGenerator(userSshKeysTable, { paths: { root } });
  assert.deepEqual(rows, []);
  assert.deepEqual(warnings, ['The user_ssh_keys table returns data based on the current user by default, consider JOINing against the users table']);
});

test('user_ssh_keys with pid_with_namespace warns and returns nothing', () => {
  const { rows, warnings } = runGenerator(userSshKeysTable, {
    paths: { root },
    constraints: { uid: [{ op: '=', value: 1000 }], pid_with_namespace: [{ op: '=', value: 1 }] },
  });
  assert.deepEqual([rows.length, warnings.length], [0, 1]);
});

test('user_ssh_keys live rows have osquery column shapes', () => {
  const { rows } = runGenerator(userSshKeysTable);
  assert.deepEqual(
    validateRows('user_ssh_keys', rows, {
      uid: 'NonNegativeInt', path: 'NonEmptyString', encrypted: 'Bool', key_type: /^(rsa|dsa|dh|ec|hmac|cmac|)$/,
      key_group_name: 'String', key_length: 'Int', key_security_bits: 'Int',
    }),
    [],
  );
});
