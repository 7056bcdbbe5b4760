import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describePrivateKey } from './private-key-info.js';

const pkcs8 = (key: ReturnType<typeof generateKeyPairSync>['privateKey']): Buffer =>
  Buffer.from(key.export({ type: 'pkcs8', format: 'pem' }) as string);

test('describePrivateKey reads PEM keys through OpenSSL: type, group, bits, security bits', () => {
  const cases = [
    { name: 'ed25519', key: generateKeyPairSync('ed25519').privateKey, expect: ['', '', 253, 128] },
    { name: 'P-256', key: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey, expect: ['ec', 'prime256v1', 256, 128] },
    { name: 'P-521', key: generateKeyPairSync('ec', { namedCurve: 'secp521r1' }).privateKey, expect: ['ec', 'secp521r1', 521, 256] },
    { name: 'RSA 1024', key: generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey, expect: ['rsa', '', 1024, 80] },
    { name: 'DSA 2048/224', key: generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 224 }).privateKey, expect: ['dsa', '', 2048, 112] },
  ];
  for (const c of cases) {
    const info = describePrivateKey(pkcs8(c.key));
    assert.deepEqual(info && [info.encrypted, info.keyType, info.keyGroupName, info.keyLength, info.keySecurityBits], [false, ...c.expect], c.name);
  }
});

test('describePrivateKey: OpenSSH keys by their cipher name, nothing for non-keys', () => {
  const openssh = (body: string): Buffer => Buffer.from(`-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`);
  assert.equal(describePrivateKey(openssh('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ'))?.encrypted, false);
  assert.equal(describePrivateKey(openssh('b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHI'))?.encrypted, true);
  const encryptedPem = '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n';
  assert.deepEqual(describePrivateKey(Buffer.from(encryptedPem)), { encrypted: true, keyType: '', keyGroupName: '', keyLength: -1, keySecurityBits: -1 });
  for (const text of ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI user@host\n', 'Host *\n', '', ' -----BEGIN OPENSSH PRIVATE KEY-----\n']) {
    assert.equal(describePrivateKey(Buffer.from(text)), undefined, JSON.stringify(text));
  }
});
