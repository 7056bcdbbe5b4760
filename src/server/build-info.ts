import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `/loki/api/v1/status/buildinfo`. Grafana enables features by Loki version,
 * so `version` is the Loki release whose API Watchpost implements; the
 * Watchpost version travels beside it.
 */
export interface BuildInfo {
  readonly version: string;
  readonly revision: string;
  readonly branch: string;
  readonly buildUser: string;
  readonly buildDate: string;
  readonly goVersion: string;
  readonly watchpostVersion: string;
}

/** The Loki release whose HTTP API this server matches (reference: loki-http-api.md). */
export const lokiApiVersion = '3.7.6';

let cached: BuildInfo | undefined;

export function getBuildInfo(): BuildInfo {
  cached ??= {
    version: lokiApiVersion,
    revision: process.env.WATCHPOST_REVISION ?? 'unknown',
    branch: 'HEAD',
    buildUser: 'watchpost',
    buildDate: 'unknown',
    goVersion: `node${process.versions.node}`,
    watchpostVersion: findPackageVersion(),
  };
  return cached;
}

/** Reads the version of the nearest package.json named `watchpost` above this module. */
function findPackageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'watchpost' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: keep walking up
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
