import type { Labels } from '../core/index.js';

const offset64 = 0xcbf29ce484222325n;
const prime64 = 0x100000001b3n;
const mask64 = 0xffffffffffffffffn;
const separator = 0xff;

/** FNV-1a 64 over bytes, as Go's hash/fnv New64a. */
export function fnv64a(bytes: Uint8Array, seed: bigint = offset64): bigint {
  let hash = seed;
  for (const byte of bytes) {
    hash ^= BigInt(byte);
    hash = (hash * prime64) & mask64;
  }
  return hash;
}

/**
 * Prometheus's model.LabelSet.Fingerprint(): FNV-1a 64 over the sorted
 * names and values, each followed by a 0xff separator. Alertmanager prints
 * it as 16 hex digits in webhook payloads.
 */
export function fingerprintLabels(labels: Labels): bigint {
  const encoder = new TextEncoder();
  let hash = offset64;
  for (const name of Object.keys(labels).sort()) {
    hash = fnv64a(encoder.encode(name), hash);
    hash = fnv64a(Uint8Array.of(separator), hash);
    hash = fnv64a(encoder.encode(labels[name] as string), hash);
    hash = fnv64a(Uint8Array.of(separator), hash);
  }
  return hash;
}

/** The fingerprint as Alertmanager prints it: 16 lowercase hex digits. */
export function formatFingerprint(fingerprint: bigint): string {
  return fingerprint.toString(16).padStart(16, '0');
}
