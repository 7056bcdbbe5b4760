/** Credentials a client sends to a Loki-compatible API. */
export interface ClientCredentials {
  /** X-Scope-OrgID; left out when empty. */
  readonly orgId?: string | undefined;
  readonly bearerToken?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
}

/** The tenant and Authorization headers (a bearer token wins over basic auth), as logcli and promtail send them. */
export function clientAuthHeaders(credentials: ClientCredentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (credentials.orgId) headers['X-Scope-OrgID'] = credentials.orgId;
  if (credentials.bearerToken) headers.Authorization = `Bearer ${credentials.bearerToken}`;
  else if (credentials.username) headers.Authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password ?? ''}`).toString('base64')}`;
  return headers;
}
