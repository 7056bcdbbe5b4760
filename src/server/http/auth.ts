import { createHash, timingSafeEqual } from 'node:crypto';
import { WatchpostError } from '../../core/index.js';
import { defaultTenant, parseOrgIdHeader } from './tenant.js';

/**
 * Who may do what. Loki leaves authentication to a proxy; Watchpost does it
 * itself so that it can listen on a non-loopback address.
 *
 * A grant lists tenants it may read and write; `*` stands for any tenant.
 * `tenants` is shorthand for both.
 */
export interface TenantGrant {
  /** Shown in logs; never the secret. */
  readonly name?: string;
  readonly tenants?: readonly string[];
  readonly read?: readonly string[];
  readonly write?: readonly string[];
}

export interface TokenGrant extends TenantGrant {
  readonly token: string;
}

export interface BasicAuthGrant extends TenantGrant {
  readonly username: string;
  /** Either the password itself or its hex SHA-256 (`passwordSha256`). */
  readonly password?: string;
  readonly passwordSha256?: string;
}

export interface AuthConfig {
  readonly tokens?: readonly TokenGrant[];
  readonly basicAuth?: readonly BasicAuthGrant[];
}

export type Access = 'read' | 'write';

export interface Principal {
  readonly name: string;
  readonly read: ReadonlySet<string>;
  readonly write: ReadonlySet<string>;
}

export interface TenantResolver {
  /** True when credentials are required (tokens or users are configured). */
  readonly credentialsRequired: boolean;
  /**
   * The tenants a request acts for, checked against its credentials.
   * Statuses, chosen after Loki and the proxies commonly put in front of it
   * (nginx, oauth2-proxy): no or unknown credentials → 401; valid
   * credentials naming a tenant they are not granted → 403. With auth off
   * every request is tenant `fake` and the header is ignored, as in Loki.
   */
  resolve(headers: { authorization?: string | undefined; orgId?: string | undefined }, access: Access): string[];
  /** Checks only the credentials (routes without a tenant, e.g. /metrics). */
  authenticate(authorization: string | undefined): Principal | undefined;
}

export interface TenantResolverOptions {
  /** Loki's `auth_enabled`: require X-Scope-OrgID. Implied when credentials are configured. */
  readonly authEnabled: boolean;
  readonly auth?: AuthConfig | undefined;
}

export function createTenantResolver(options: TenantResolverOptions): TenantResolver {
  const tokens = (options.auth?.tokens ?? []).map((g, i) => ({ digest: sha256(g.token), principal: toPrincipal(g, `token-${i + 1}`) }));
  const users = new Map(
    (options.auth?.basicAuth ?? []).map((g) => [
      g.username,
      { digest: g.passwordSha256 !== undefined ? Buffer.from(g.passwordSha256, 'hex') : sha256(g.password ?? ''), principal: toPrincipal(g, g.username) },
    ]),
  );
  const credentialsRequired = tokens.length > 0 || users.size > 0;

  const authenticate = (authorization: string | undefined): Principal | undefined => {
    if (!credentialsRequired) return undefined;
    if (authorization === undefined || authorization === '') throw unauthorized('no credentials');
    const space = authorization.indexOf(' ');
    const scheme = authorization.slice(0, space < 0 ? authorization.length : space).toLowerCase();
    const value = space < 0 ? '' : authorization.slice(space + 1).trim();
    if (scheme === 'bearer') {
      const digest = sha256(value);
      for (const t of tokens) if (timingSafeEqual(t.digest, digest)) return t.principal;
      throw unauthorized('invalid token');
    }
    if (scheme === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = colon < 0 ? undefined : users.get(decoded.slice(0, colon));
      // Compare even for unknown users so timing does not reveal names.
      const digest = sha256(colon < 0 ? '' : decoded.slice(colon + 1));
      if (user !== undefined && user.digest.length === digest.length && timingSafeEqual(user.digest, digest)) return user.principal;
      throw unauthorized('invalid username or password');
    }
    throw unauthorized('unsupported authorization scheme');
  };

  return {
    credentialsRequired,
    authenticate,
    resolve(headers, access) {
      if (!options.authEnabled && !credentialsRequired) return [defaultTenant];
      const principal = authenticate(headers.authorization);
      let tenants = parseOrgIdHeader(headers.orgId);
      if (tenants.length === 0) {
        if (principal !== undefined && (access === 'read' ? principal.read : principal.write).size === 0) {
          throw new WatchpostError('ERR_API_FORBIDDEN', `${principal.name} is not allowed to ${access} any tenant`);
        }
        const fallback = principal === undefined ? undefined : defaultTenantOf(principal, access);
        if (fallback === undefined) throw new WatchpostError('ERR_API_UNAUTHORIZED', 'no org id');
        tenants = [fallback];
      }
      // Loki answers multi-tenant reads only with multi_tenant_queries_enabled (off by default); Watchpost does not offer them.
      if (tenants.length > 1) throw new WatchpostError('ERR_API_UNAUTHORIZED', 'multiple org IDs present');
      if (principal !== undefined) {
        const allowed = access === 'read' ? principal.read : principal.write;
        for (const t of tenants) {
          if (!allowed.has('*') && !allowed.has(t)) {
            throw new WatchpostError('ERR_API_FORBIDDEN', `tenant '${t}' is not allowed to ${access} for ${principal.name}`);
          }
        }
      }
      return tenants;
    },
  };
}

function toPrincipal(g: TenantGrant, fallbackName: string): Principal {
  const both = g.tenants ?? [];
  return { name: g.name ?? fallbackName, read: new Set([...both, ...(g.read ?? [])]), write: new Set([...both, ...(g.write ?? [])]) };
}

/** A principal granted exactly one concrete tenant for `access` uses it without X-Scope-OrgID. */
function defaultTenantOf(p: Principal, access: Access): string | undefined {
  const set = access === 'read' ? p.read : p.write;
  const concrete = [...set].filter((t) => t !== '*');
  return concrete.length === 1 && !set.has('*') ? concrete[0] : undefined;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function unauthorized(reason: string): WatchpostError {
  return new WatchpostError('ERR_API_UNAUTHORIZED', `unauthorized: ${reason}`);
}
