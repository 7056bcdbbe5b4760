import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprintLabels, fnv64a, formatFingerprint } from './fingerprint.js';

test('fnv64a() matches Go hash/fnv New64a test vectors', () => {
  const cases: Array<[string, bigint]> = [
    ['', 0xcbf29ce484222325n],
    ['a', 0xaf63dc4c8601ec8cn],
    ['foobar', 0x85944171f73967e8n],
  ];
  for (const [input, want] of cases) assert.equal(fnv64a(new TextEncoder().encode(input)), want);
});

test('fingerprintLabels() is independent of key order and changes with any value', () => {
  const a = fingerprintLabels({ alertname: 'SSHLogin', host: 'h1' });
  assert.equal(a, fingerprintLabels({ host: 'h1', alertname: 'SSHLogin' }));
  assert.notEqual(a, fingerprintLabels({ alertname: 'SSHLogin', host: 'h2' }));
  assert.match(formatFingerprint(a), /^[0-9a-f]{16}$/);
});

test('fingerprintLabels() of the empty set is the FNV offset basis, as Prometheus', () => {
  assert.equal(formatFingerprint(fingerprintLabels({})), 'cbf29ce484222325');
});
