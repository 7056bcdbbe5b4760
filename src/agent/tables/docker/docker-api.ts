import type { QueryContext } from '../table.js';
import { getUnixSocketSync } from './sync-http.js';

/** How long one Docker Engine API call may take before the table gives up on it. */
export const dockerApiTimeoutMs = 5000;

/**
 * One Docker Engine API answer. `absent` marks a daemon that is not there
 * (no socket file), which osquery treats as an ordinary empty result;
 * `timedOut` marks a daemon that accepted the call but did not answer.
 */
export type DockerApiResult =
  | { readonly ok: true; readonly json: unknown }
  | { readonly ok: false; readonly message: string; readonly status?: number; readonly absent: boolean; readonly timedOut: boolean };

/**
 * GETs `uri` from the Docker Engine API on ctx.paths.dockerSocket and parses
 * the JSON body, as osquery's dockerApi() does: only a 200 answer counts;
 * any other status, an unreachable socket or a body that is not JSON is a
 * failure described in osquery's words. Never throws (but honours the
 * query deadline before calling).
 */
export function getDockerJson(ctx: QueryContext, uri: string): DockerApiResult {
  ctx.checkDeadline();
  const res = getUnixSocketSync(ctx.paths.dockerSocket, uri, { timeoutMs: dockerApiTimeoutMs });
  if (!res.ok) {
    const timedOut = res.code === 'ETIMEDOUT';
    const message = timedOut ? `Error calling docker API: ${res.message}` : `Error connecting to docker sock: ${res.message}`;
    return { ok: false, message, absent: res.code === 'ENOENT', timedOut };
  }
  if (res.status !== 200) {
    const message = `Invalid docker API response for ${uri}: HTTP/1.1 ${res.status} ${res.statusMessage}`;
    return { ok: false, message, status: res.status, absent: false, timedOut: false };
  }
  try {
    return { ok: true, json: JSON.parse(res.body) as unknown };
  } catch (err) {
    const message = `Error reading docker API response for ${uri}: ${(err as Error).message}`;
    return { ok: false, message, status: res.status, absent: false, timedOut: false };
  }
}
