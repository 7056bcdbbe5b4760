import { spawnSync } from 'node:child_process';

const getentTimeoutMs = 3000;

/**
 * Runs `getent <database> [keys…]`, which answers through the host's NSS
 * configuration (files, systemd, LDAP, DNS, …) the way the libc calls
 * osquery makes do. Returns its stdout, or undefined when getent is missing,
 * fails before printing anything, or takes longer than 3 s. Exit status 2
 * ("some key not found") still returns what was found.
 */
export function runGetent(database: string, keys: readonly string[] = []): string | undefined {
  const result = spawnSync('getent', [database, ...keys], {
    encoding: 'utf8',
    timeout: getentTimeoutMs,
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error || (result.status !== 0 && !result.stdout)) return undefined;
  return result.stdout;
}
