import { hostname } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { WatchpostError } from '../../core/index.js';
import { parsePromDuration } from '../../core/go/index.js';
import { resolveDefaultDataDir } from '../../store/index.js';

/**
 * Everything `watchpost up` runs with: command-line flags over the optional
 * `--config watchpost.yaml` over defaults. Documented in docs/up.md.
 */
export interface UpConfig {
  readonly dataDir: string;
  readonly listenAddress: string;
  readonly listenPort: number;
  /** The `server:` section, as `watchpost server --config` reads it (auth, limits, retention, TLS). */
  readonly serverConfigText: string | undefined;
  readonly alertmanagerUrls: readonly string[];
  readonly webhookUrls: readonly string[];
  readonly remoteWriteUrls: readonly string[];
  readonly rulesDirs: readonly string[];
  readonly builtinDetections: boolean;
  readonly evaluationIntervalMs: number;
  readonly hostIdentifier: string;
  /** osqueryd's --host_identifier mode (hostname|uuid|specified|…). */
  readonly hostIdentifierMode: string;
  /** Extra osquery packs: name → pack file path or inline pack object. */
  readonly extraPacks: Readonly<Record<string, unknown>>;
  readonly authLogs: readonly string[];
  readonly journal: boolean;
  /** Fleet mode: push to this Loki-compatible URL and run only the agent and the shipper. */
  readonly pushUrl: string | undefined;
  readonly pushToken: string | undefined;
  readonly pushTenant: string | undefined;
  /** An external Loki to store in and query instead of the embedded store (`loki:` section). */
  readonly externalLoki: { readonly url: string; readonly bearerToken?: string; readonly username?: string; readonly password?: string; readonly tenant?: string } | undefined;
}

export interface UpFlags {
  readonly config?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly listenAddress?: string | undefined;
  readonly listenPort?: number | undefined;
  readonly alertmanagerUrls?: readonly string[];
  readonly webhookUrls?: readonly string[];
  readonly rulesDirs?: readonly string[];
  readonly pushUrl?: string | undefined;
  readonly pushToken?: string | undefined;
  readonly hostIdentifier?: string | undefined;
  readonly authLogs?: readonly string[];
}

const topLevel = new Set(['data_dir', 'server', 'agent', 'shipper', 'ruler', 'push', 'loki']);

function invalid(key: string, message: string): WatchpostError {
  return new WatchpostError('ERR_CONFIG_INVALID', `${key}: ${message}`);
}

function section(root: Record<string, unknown>, key: string, allowed: readonly string[]): Record<string, unknown> {
  const value = root[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(key, 'must be a mapping');
  for (const name of Object.keys(value)) if (!allowed.includes(name)) throw invalid(`${key}.${name}`, 'unknown key');
  return value as Record<string, unknown>;
}

function strings(value: unknown, key: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalid(key, 'must be a list of strings');
  return value as string[];
}

function optString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(key, 'must be a string');
  return value;
}

/** Resolves the effective configuration; `configText` is the YAML file's content, if any. */
export function resolveUpConfig(flags: UpFlags, configText: string | undefined): UpConfig {
  const doc: unknown = configText === undefined ? {} : (parseYaml(configText) ?? {});
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw invalid('config', 'must be a mapping');
  const root = doc as Record<string, unknown>;
  for (const key of Object.keys(root)) if (!topLevel.has(key)) throw invalid(key, `unknown key (expected one of ${[...topLevel].join(', ')})`);
  const server = root.server === undefined || root.server === null ? undefined : root.server;
  if (server !== undefined && (typeof server !== 'object' || Array.isArray(server))) throw invalid('server', 'must be a mapping (a watchpost server config)');
  const serverListen = ((server as Record<string, unknown> | undefined)?.server ?? {}) as Record<string, unknown>;
  const agent = section(root, 'agent', ['host_identifier', 'specified_identifier', 'packs']);
  const shipper = section(root, 'shipper', ['auth_logs', 'journal']);
  const ruler = section(root, 'ruler', ['rules_dirs', 'builtin_detections', 'evaluation_interval', 'alertmanager_urls', 'webhook_urls', 'remote_write_urls']);
  const push = section(root, 'push', ['url', 'bearer_token', 'tenant_id']);
  const loki = section(root, 'loki', ['url', 'bearer_token', 'username', 'password', 'tenant_id']);
  const lokiUrl = optString(loki.url, 'loki.url');

  const interval = optString(ruler.evaluation_interval, 'ruler.evaluation_interval') ?? '10s';
  const parsedInterval = parsePromDuration(interval);
  if (!parsedInterval.ok || parsedInterval.value <= 0) throw invalid('ruler.evaluation_interval', parsedInterval.ok ? 'must be positive' : parsedInterval.error);
  const packs = agent.packs ?? {};
  if (typeof packs !== 'object' || packs === null || Array.isArray(packs)) throw invalid('agent.packs', 'must be a mapping of pack name to a path or a pack');
  const mode = optString(agent.host_identifier, 'agent.host_identifier') ?? 'hostname';
  const specified = flags.hostIdentifier ?? optString(agent.specified_identifier, 'agent.specified_identifier');
  const port = flags.listenPort ?? (serverListen.http_listen_port === undefined ? 3100 : Number(serverListen.http_listen_port));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw invalid('server.server.http_listen_port', `invalid port ${String(port)}`);
  const dataDir = flags.dataDir ?? optString(root.data_dir, 'data_dir') ?? resolveDefaultDataDir();
  return {
    dataDir,
    listenAddress: flags.listenAddress ?? optString(serverListen.http_listen_address, 'server.server.http_listen_address') ?? '127.0.0.1',
    listenPort: port,
    serverConfigText: server === undefined ? undefined : JSON.stringify(server),
    alertmanagerUrls: flags.alertmanagerUrls?.length ? flags.alertmanagerUrls : strings(ruler.alertmanager_urls, 'ruler.alertmanager_urls'),
    webhookUrls: flags.webhookUrls?.length ? flags.webhookUrls : strings(ruler.webhook_urls, 'ruler.webhook_urls'),
    remoteWriteUrls: strings(ruler.remote_write_urls, 'ruler.remote_write_urls'),
    rulesDirs: [...strings(ruler.rules_dirs, 'ruler.rules_dirs'), ...(flags.rulesDirs ?? []), join(dataDir, 'rules')],
    builtinDetections: ruler.builtin_detections !== false,
    evaluationIntervalMs: Math.round(parsedInterval.value / 1e6),
    hostIdentifier: specified ?? hostname(),
    hostIdentifierMode: specified !== undefined ? 'specified' : mode,
    extraPacks: packs as Record<string, unknown>,
    authLogs: flags.authLogs?.length ? flags.authLogs : shipper.auth_logs === undefined ? ['/var/log/auth.log', '/var/log/secure'] : strings(shipper.auth_logs, 'shipper.auth_logs'),
    journal: shipper.journal !== false,
    pushUrl: flags.pushUrl ?? optString(push.url, 'push.url'),
    pushToken: flags.pushToken ?? optString(push.bearer_token, 'push.bearer_token'),
    pushTenant: optString(push.tenant_id, 'push.tenant_id'),
    externalLoki:
      lokiUrl === undefined
        ? undefined
        : {
            url: lokiUrl,
            bearerToken: optString(loki.bearer_token, 'loki.bearer_token'),
            username: optString(loki.username, 'loki.username'),
            password: optString(loki.password, 'loki.password'),
            tenant: optString(loki.tenant_id, 'loki.tenant_id'),
          },
  };
}
