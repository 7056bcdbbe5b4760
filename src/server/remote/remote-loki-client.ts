import { clientAuthHeaders, WatchpostError, type ErrorCode } from '../../core/index.js';

/** A Loki (or Watchpost) HTTP API that `watchpost up` pushes to and queries instead of its embedded store. */
export interface RemoteLokiOptions {
  /** Base URL, e.g. https://loki.example.com (no /loki/api/v1 suffix). */
  readonly url: string;
  readonly bearerToken?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** Sent as X-Scope-OrgID when the local tenant is `fake` (auth off locally). */
  readonly tenant?: string | undefined;
  readonly timeoutMs?: number | undefined;
}

export interface RemoteLokiClient {
  readonly options: RemoteLokiOptions;
  headers(tenant: string): Record<string, string>;
  /** GET path?params → parsed JSON `data`; a non-2xx answer keeps the remote's status and text. */
  getData<T>(tenant: string, path: string, params: URLSearchParams): Promise<T>;
  post(tenant: string, path: string, body: string, contentType: string): Promise<void>;
}

function codeFor(status: number): ErrorCode {
  if (status === 401) return 'ERR_API_UNAUTHORIZED';
  if (status === 403) return 'ERR_API_FORBIDDEN';
  if (status === 429) return 'ERR_INGEST_RATE_LIMITED';
  if (status === 504) return 'ERR_QUERY_TIMEOUT';
  if (status >= 500) return 'ERR_STORE_UNAVAILABLE';
  return 'ERR_API_BAD_REQUEST';
}

export function createRemoteLokiClient(options: RemoteLokiOptions): RemoteLokiClient {
  const base = options.url.replace(/\/+$/, '');
  // The local tenant `fake` (auth off here) maps to the remote's configured tenant.
  const headers = (tenant: string): Record<string, string> => clientAuthHeaders({ ...options, orgId: tenant === 'fake' ? options.tenant : tenant });
  const request = async (tenant: string, path: string, init: RequestInit): Promise<string> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { ...init, headers: { ...headers(tenant), ...(init.headers as Record<string, string> | undefined) }, signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
    } catch (err) {
      throw new WatchpostError('ERR_STORE_UNAVAILABLE', `remote Loki ${base} unreachable: ${(err as Error).message}`, { cause: err });
    }
    const text = await response.text();
    // The remote's own text goes back unchanged: it is Loki's.
    if (!response.ok) throw new WatchpostError(codeFor(response.status), text.trim() || `remote Loki answered ${response.status}`);
    return text;
  };
  return {
    options,
    headers,
    async getData<T>(tenant: string, path: string, params: URLSearchParams): Promise<T> {
      const text = await request(tenant, `${path}?${params.toString()}`, { method: 'GET' });
      return (JSON.parse(text) as { data: T }).data;
    },
    async post(tenant, path, body, contentType) {
      await request(tenant, path, { method: 'POST', body, headers: { 'Content-Type': contentType } });
    },
  };
}
