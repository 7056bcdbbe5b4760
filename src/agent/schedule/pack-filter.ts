import { createHash } from 'node:crypto';

/**
 * The osquery version Watchpost's agent behaves as, for pack and query
 * `version` gates (packs ask for e.g. "1.4.5"; Watchpost's own 0.x version
 * would wrongly exclude them).
 */
export const osqueryCompatVersion = '5.23.1';

/**
 * osquery's platform test, by substring and in this order: empty → yes;
 * `any`/`all` → yes; `linux`, `ubuntu` or `centos` → yes on Linux; `posix`
 * → yes on Linux and macOS; otherwise the build platform's name must appear.
 * So "darwin,linux" runs on Linux and "gentoo" does not.
 */
export function matchesPlatform(platform: string, host: string = process.platform): boolean {
  if (platform === '' || platform === 'null') return true;
  if (platform.includes('any') || platform.includes('all')) return true;
  const linux = host === 'linux';
  if (linux && (platform.includes('linux') || platform.includes('ubuntu') || platform.includes('centos'))) return true;
  if ((linux || host === 'darwin') && platform.includes('posix')) return true;
  return platform.includes(host);
}

/** Whether `running` ≥ `required` (dotted numeric versions; an empty requirement always passes). */
export function meetsVersion(required: string, running: string = osqueryCompatVersion): boolean {
  if (required.trim() === '') return true;
  const a = running.split('.').map((p) => parseInt(p, 10) || 0);
  const b = required.split('.').map((p) => parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** osquery's machine shard: the first byte of SHA-1(hostname) × 100 / 255, truncated (0..100). */
export function machineShard(hostname: string): number {
  const first = createHash('sha1').update(hostname).digest()[0] ?? 0;
  return Math.floor((first * 100) / 255);
}

/** Whether a pack or query with `shard` runs on this machine (0 = everywhere). */
export function inShard(shard: number, machine: number): boolean {
  return shard <= 0 || machine <= shard;
}
