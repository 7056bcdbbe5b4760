import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The built-in configuration used when no --config_path is given: the seed's
 * decorators (host_uuid at load, the first logged-in username before every
 * query), osquery's incident-response pack (non-Linux queries drop out by
 * their `platform`, as in osquery) and Watchpost's `ssh` pack.
 */
export function defaultConfigText(): string {
  return JSON.stringify(
    {
      decorators: {
        load: ['SELECT uuid AS host_uuid FROM system_info;'],
        always: ["SELECT user AS username FROM logged_in_users WHERE user <> '' ORDER BY time LIMIT 1;"],
      },
      packs: {
        'incident-response': resolveDefaultPack('incident-response.json'),
        ssh: resolveDefaultPack('ssh.json'),
      },
    },
    null,
    2,
  );
}

/** The name errors and osquery_packs show for the built-in config. */
export const defaultConfigName = '<built-in default config>';

/**
 * Finds a bundled pack file: beside this module (src/ under tsx, dist/agent/schedule
 * after tsc), or under dist/agent/schedule/default when running from the
 * esbuild bundle dist/watchpost.mjs (the build copies every .json under src
 * into dist, keeping the folders).
 */
export function resolveDefaultPack(file: string): string {
  const candidates = [new URL(`./default/${file}`, import.meta.url), new URL(`./agent/schedule/default/${file}`, import.meta.url)];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  return fileURLToPath(candidates[0]!);
}
