import { readFileSync } from 'node:fs';
import type { ClientConfig } from '../config/types.js';

const userAgent = 'promtail/watchpost-0.1.0';

/**
 * The headers of every push of a client, as promtail sends them: the
 * config's `headers` first (they cannot override what promtail sets),
 * Content-Type, User-Agent, and basic auth or a bearer token (files read once).
 * X-Scope-OrgID is added per batch.
 */
export function buildPushHeaders(cfg: ClientConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(cfg.headers)) headers[k.toLowerCase()] = v;
  headers['content-type'] = cfg.encoding === 'json' ? 'application/json' : 'application/x-protobuf';
  headers['user-agent'] = userAgent;
  if (cfg.basicAuth) {
    const password = cfg.basicAuth.passwordFile ? readFileSync(cfg.basicAuth.passwordFile, 'utf8').trim() : (cfg.basicAuth.password ?? '');
    headers.authorization = `Basic ${Buffer.from(`${cfg.basicAuth.username}:${password}`).toString('base64')}`;
  }
  const token = cfg.bearerTokenFile ? readFileSync(cfg.bearerTokenFile, 'utf8').trim() : cfg.bearerToken;
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}
