import { readFileSync } from 'node:fs';
import { WatchpostError, createLogger, readConfigFile, type LogLevel, type Logger } from '../../core/index.js';
import { parsePromDuration } from '../../core/go/index.js';
import { createEngine, type Engine } from '../../logql/index.js';
import { builtinDetectionsDir, createRuler, createTemplateExpander, type Ruler } from '../../ruler/index.js';
import { createStore, resolveDefaultDataDir } from '../../store/index.js';
import { assertListenAllowed, buildEffectiveConfig, createRulerModule, createServer, createUiModule, parseServerConfig, withPushListener, type ServerConfig, type ServerModule } from '../../server/index.js';
import { exitSigint } from '../exit-codes.js';

const usage = `usage: watchpost server [options]
Runs the Loki-compatible log store: push, query, labels, series, tail, delete, /metrics.

options (Loki's spellings with a leading -server. / -config. are accepted too):
  --http-listen-address ADDR   listen address (default 127.0.0.1; non-loopback needs auth in the config file)
  --http-listen-port PORT      listen port (default 3100)
  --data-dir DIR               data directory (default $XDG_DATA_HOME/watchpost or ~/.local/share/watchpost)
  --config FILE                YAML config: auth_enabled, server, common.path_prefix, limits_config, auth
  --auth-enabled               require X-Scope-OrgID (Loki's auth_enabled) even without credentials
  --log-level LEVEL            debug|info|warn|error (default info)
  --rules-dir DIR              run the ruler on the rule files in DIR (files directly in DIR are tenant
                               \`fake\`, DIR/<tenant>/*.yaml that tenant's); repeatable
  --builtin-rules              also run Watchpost's built-in SSH and host detections (tenant fake)
  --alertmanager-url URL       send alerts to this Alertmanager (v2 API); repeatable
  --webhook-url URL            send Alertmanager-style (version 4) webhook payloads here; repeatable
  --remote-write-url URL       write recording-rule samples to this Prometheus remote-write endpoint; repeatable
  --evaluation-interval DUR    default rule group interval (default 10s)
`;

interface Flags {
  address?: string;
  port?: number;
  dataDir?: string;
  config?: string;
  authEnabled?: boolean;
  logLevel?: LogLevel;
  help?: boolean;
  rulesDirs?: string[];
  alertmanagerUrls?: string[];
  webhookUrls?: string[];
  remoteWriteUrls?: string[];
  builtinRules?: boolean;
  evaluationInterval?: string;
}

/** Flags that may be given more than once. */
const listFlags = { rulesDirs: true, alertmanagerUrls: true, webhookUrls: true, remoteWriteUrls: true } as const;

const aliases: Record<string, keyof Flags> = {
  'http-listen-address': 'address',
  'server.http-listen-address': 'address',
  'http-listen-port': 'port',
  'server.http-listen-port': 'port',
  'data-dir': 'dataDir',
  'common.path-prefix': 'dataDir',
  config: 'config',
  'config.file': 'config',
  'auth-enabled': 'authEnabled',
  'auth.enabled': 'authEnabled',
  'log-level': 'logLevel',
  'log.level': 'logLevel',
  help: 'help',
  h: 'help',
  'rules-dir': 'rulesDirs',
  'ruler.storage.local.directory': 'rulesDirs',
  'alertmanager-url': 'alertmanagerUrls',
  'ruler.alertmanager-url': 'alertmanagerUrls',
  'webhook-url': 'webhookUrls',
  'remote-write-url': 'remoteWriteUrls',
  'builtin-rules': 'builtinRules',
  'evaluation-interval': 'evaluationInterval',
  'ruler.evaluation-interval': 'evaluationInterval',
};

function usageError(message: string): WatchpostError {
  return new WatchpostError('ERR_CLI_USAGE', `${message}\n${usage}`);
}

/** Parses `--flag value`, `--flag=value` and Loki's single-dash `-flag=value`. */
export function parseServerFlags(argv: readonly string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const m = /^--?([a-z][a-z0-9.-]*)(?:=(.*))?$/s.exec(arg);
    if (!m) throw usageError(`unexpected argument "${arg}"`);
    const key = aliases[m[1] as string];
    if (key === undefined) throw usageError(`unknown flag "${arg}"`);
    if (key === 'help' || key === 'authEnabled' || key === 'builtinRules') {
      const v = m[2] ?? 'true';
      if (v !== 'true' && v !== 'false') throw usageError(`flag "${m[1]}" takes true or false`);
      flags[key] = v === 'true';
      continue;
    }
    let value = m[2];
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw usageError(`flag "${m[1]}" needs a value`);
    }
    if (key in listFlags) {
      const list = key as keyof typeof listFlags;
      // Loki's -ruler.alertmanager-url takes a comma-separated list.
      flags[list] = [...(flags[list] ?? []), ...value.split(',').filter((v) => v !== '')];
      continue;
    }
    if (key === 'port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`invalid port "${value}"`);
      flags.port = port;
    } else if (key === 'logLevel') {
      if (!['debug', 'info', 'warn', 'error'].includes(value)) throw usageError(`invalid log level "${value}"`);
      flags.logLevel = value as LogLevel;
    } else if (key === 'address' || key === 'dataDir' || key === 'config' || key === 'evaluationInterval') flags[key] = value;
  }
  return flags;
}

/**
 * The ruler, when rule dirs or built-in rules are asked for: rules are loaded
 * before the server listens (a bad rule file stops start-up with its file and
 * line), SIGHUP reloads them keeping the last good set.
 */
function startRulerIfConfigured(flags: Flags, engine: Engine, dataDir: string, host: string, port: number, logger: Logger): Ruler | undefined {
  const dirs = [...(flags.builtinRules ? [builtinDetectionsDir()] : []), ...(flags.rulesDirs ?? [])];
  if (dirs.length === 0) return undefined;
  let intervalMs: number | undefined;
  if (flags.evaluationInterval !== undefined) {
    const parsed = parsePromDuration(flags.evaluationInterval);
    if (!parsed.ok || parsed.value <= 0) throw usageError(`invalid --evaluation-interval "${flags.evaluationInterval}"`);
    intervalMs = Math.round(parsed.value / 1e6);
  }
  const ruler = createRuler({
    rulesDirs: dirs,
    dataDir,
    query: (tenant, expr, tsMs) => engine.instantVector(tenant, expr, tsMs),
    expand: createTemplateExpander(),
    alertmanagerUrls: flags.alertmanagerUrls,
    webhookUrls: flags.webhookUrls,
    remoteWriteUrls: flags.remoteWriteUrls,
    externalUrl: `http://${host}:${port}`,
    defaultIntervalMs: intervalMs,
    logger: logger.child({ component: 'ruler' }),
  });
  ruler.start();
  process.on('SIGHUP', () => {
    try {
      ruler.reload();
      logger.info('rules reloaded', { groups: ruler.manager.groups.length });
    } catch (err) {
      logger.error('rule reload failed; the previous rules keep running', { error: (err as Error).message });
    }
  });
  return ruler;
}

/** `watchpost server`: runs until SIGINT (exit 130) or SIGTERM (exit 0). */
export async function runServerCommand(argv: string[]): Promise<number> {
  const flags = parseServerFlags(argv);
  if (flags.help) {
    process.stdout.write(usage);
    return 0;
  }
  const file: ServerConfig | undefined =
    flags.config === undefined ? undefined : readConfigFile(flags.config, (text) => parseServerConfig(text, (p) => readFileSync(p, 'utf8')));
  const logger = createLogger({ level: flags.logLevel ?? file?.logLevel, fields: { component: 'server' } });
  const tls = file?.tls ? { cert: readFileSync(file.tls.certFile), key: readFileSync(file.tls.keyFile) } : undefined;
  const host = flags.address ?? file?.listenAddress ?? '127.0.0.1';
  const port = flags.port ?? file?.listenPort ?? 3100;
  const dataDir = flags.dataDir ?? file?.dataDir;

  // Checked before the store opens, so a refused start leaves nothing behind.
  assertListenAllowed(host, (file?.auth?.tokens?.length ?? 0) + (file?.auth?.basicAuth?.length ?? 0) > 0);
  const store = await createStore({
    dataDir,
    limits: file?.limits,
    retentionPeriodMs: file?.retentionPeriodMs,
    logger: logger.child({ component: 'store' }),
  });
  const authEnabled = flags.authEnabled ?? file?.authEnabled ?? false;
  const effective = buildEffectiveConfig(file, { authEnabled, host, port, dataDir });
  const defaults = buildEffectiveConfig(undefined, { authEnabled: false, host: '127.0.0.1', port: 3100, dataDir: undefined });
  const engine = createEngine(store, file?.queryLimits ?? {});
  const modules: ServerModule[] = [createUiModule()];
  const ruler = startRulerIfConfigured(flags, engine, dataDir ?? resolveDefaultDataDir(), host, port, logger);
  if (ruler) modules.push(createRulerModule(ruler));
  const server = createServer({
    store: ruler ? withPushListener(store, (tenant, labels) => ruler.notifyIngest(tenant, labels)) : store,
    engine,
    host,
    port,
    authEnabled,
    auth: file?.auth,
    tls,
    maxBodyBytes: file?.maxBodyBytes,
    queryLimits: file?.queryLimits,
    queryTimeoutMs: file?.queryTimeoutMs,
    logger,
    modules,
    config: { effective: () => effective, defaults: () => defaults },
  });
  try {
    await server.listen();
  } catch (err) {
    await store.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new WatchpostError('ERR_CONFIG_INVALID', `listen tcp ${host}:${port}: bind: address already in use`, { cause: err });
    throw err;
  }
  logger.info('Loki started', { url: server.url, data_dir: dataDir ?? 'default' });
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info('shutting down', { signal });
  await server.close();
  await store.close();
  return signal === 'SIGINT' ? exitSigint : 0;
}
