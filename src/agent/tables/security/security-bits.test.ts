import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeDsaSecurityBits, computeEcSecurityBits, computeRsaSecurityBits } from './security-bits.js';

// Expected values were printed by OpenSSL 3.0's RSA_security_bits/BN_security_bits on the same sizes.
const rsaCases: ReadonlyArray<readonly [number, number]> = [
  [7, 0], [512, 56], [768, 72], [1024, 80], [1536, 96], [2047, 112], [2048, 112], [2049, 112], [3000, 128],
  [3072, 128], [4096, 152], [5000, 160], [7680, 192], [8192, 200], [10000, 216], [15360, 256], [20000, 296],
];

for (const [bits, expected] of rsaCases) {
  test(`computeRsaSecurityBits(${bits}) is ${expected} as in OpenSSL`, () => {
    assert.equal(computeRsaSecurityBits(bits), expected);
  });
}

test('computeDsaSecurityBits follows BN_security_bits(L, N)', () => {
  assert.deepEqual(
    [[1024, 160], [2048, 224], [2048, 256], [3072, 256], [512, 160], [2048, 150]].map(([l, n]) => computeDsaSecurityBits(l as number, n as number)),
    [80, 112, 112, 128, 0, 0],
  );
});

test('computeEcSecurityBits maps the order length to NIST strengths', () => {
  assert.deepEqual([160, 192, 224, 256, 384, 521, 128].map(computeEcSecurityBits), [80, 80, 112, 128, 192, 256, 64]);
});
