import { clientAuthHeaders, WatchpostError } from '../../core/index.js';

/** How `watchpost logs` reaches a Loki-compatible API (logcli's --addr and credentials). */
export interface LokiClientOptions {
  /** Base URL, e.g. http://127.0.0.1:3100 (LOKI_ADDR). */
  readonly addr: string;
  /** X-Scope-OrgID (LOKI_ORG_ID). */
  readonly orgId?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly bearerToken?: string | undefined;
}

/** Request headers carrying the tenant and credentials. */
export function authHeaders(options: LokiClientOptions): Record<string, string> {
  return clientAuthHeaders(options);
}

/** The full URL of an API path with its query parameters. */
export function apiUrl(options: LokiClientOptions, path: string, params: Record<string, string | undefined>): string {
  const url = new URL(path, options.addr.endsWith('/') ? options.addr : `${options.addr}/`);
  url.pathname = `${new URL(options.addr).pathname.replace(/\/$/, '')}${path}`;
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * GETs a Loki API path and returns its JSON `data`. A non-2xx answer becomes
 * an error carrying Loki's own text, as logcli prints it
 * (`Query failed: Error response from server: <text> (<status>)`).
 */
export async function getLokiData<T>(options: LokiClientOptions, path: string, params: Record<string, string | undefined>): Promise<T> {
  const url = apiUrl(options, path, params);
  let response: Response;
  try {
    response = await fetch(url, { headers: authHeaders(options) });
  } catch (err) {
    throw new WatchpostError('ERR_SHIP_PUSH', `error sending request ${url}: ${(err as Error).message}`, { cause: err });
  }
  const text = await response.text();
  if (!response.ok) {
    const code = response.status === 401 ? 'ERR_API_UNAUTHORIZED' : response.status === 403 ? 'ERR_API_FORBIDDEN' : response.status >= 500 ? 'ERR_STORE_UNAVAILABLE' : 'ERR_API_BAD_REQUEST';
    throw new WatchpostError(code, `Error response from server: ${text.trim()} (${response.status})`);
  }
  try {
    return (JSON.parse(text) as { data: T }).data;
  } catch (err) {
    throw new WatchpostError('ERR_API_BAD_REQUEST', `invalid JSON from ${url}: ${(err as Error).message}`, { cause: err });
  }
}
