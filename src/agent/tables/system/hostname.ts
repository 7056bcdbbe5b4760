import { hostname } from 'node:os';
import type { QueryContext } from '../table.js';
import { readText } from '../lib/fs-read.js';
import { runGetent } from '../lib/getent.js';

const dnsCacheMs = 60_000;
const dnsCache = new Map<string, { readonly name: string; readonly expiresMs: number }>();

/** The kernel host name (gethostname(2)), trimmed: system_info.computer_name. */
export function readHostname(): string {
  return hostname().trim();
}

/**
 * The fully qualified name osquery reports as system_info.hostname: the
 * canonical name getaddrinfo(AI_CANONNAME) gives for the host name, or the
 * host name itself when it does not resolve. /etc/hosts is consulted first
 * (the canonical name is the first name on the first line listing the host);
 * on a live host, other NSS sources (DNS, …) are asked through getent, and
 * their answer is cached for a minute.
 */
export function readFqdn(ctx: QueryContext, host: string): string {
  if (host === '') return host;
  const fromHosts = findCanonicalName(readText(ctx.hostPath('/etc/hosts')) ?? '', host);
  if (fromHosts !== undefined) return fromHosts;
  if (ctx.paths.root !== '/') return host;
  const cached = dnsCache.get(host);
  if (cached && cached.expiresMs > Date.now()) return cached.name;
  const firstLine = (runGetent('ahosts', [host]) ?? '').split('\n')[0] ?? '';
  const name = firstLine.trim().split(/\s+/)[2] || host;
  dnsCache.set(host, { name, expiresMs: Date.now() + dnsCacheMs });
  return name;
}

/** The first name of the first /etc/hosts line that lists `host` (compared case-insensitively), or undefined. */
export function findCanonicalName(hostsFile: string, host: string): string | undefined {
  const wanted = host.toLowerCase();
  for (const raw of hostsFile.split('\n')) {
    const hash = raw.indexOf('#');
    const fields = (hash < 0 ? raw : raw.slice(0, hash)).trim().split(/\s+/);
    const names = fields.slice(1);
    if (names.some((n) => n.toLowerCase() === wanted)) return names[0];
  }
  return undefined;
}
