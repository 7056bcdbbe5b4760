import { readFileSync } from 'node:fs';
import { WatchpostError, createLogger, readConfigFile, type LogLevel } from '../../core/index.js';
import { createStore } from '../../store/index.js';
import { buildEffectiveConfig, createServer, createUiModule, parseServerConfig, type ServerConfig } from '../../server/index.js';
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
`;

interface Flags {
  address?: string;
  port?: number;
  dataDir?: string;
  config?: string;
  authEnabled?: boolean;
  logLevel?: LogLevel;
  help?: boolean;
}

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
    if (key === 'help' || key === 'authEnabled') {
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
    if (key === 'port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`invalid port "${value}"`);
      flags.port = port;
    } else if (key === 'logLevel') {
      if (!['debug', 'info', 'warn', 'error'].includes(value)) throw usageError(`invalid log level "${value}"`);
      flags.logLevel = value as LogLevel;
    } else flags[key] = value;
  }
  return flags;
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

  const store = await createStore({
    dataDir,
    limits: file?.limits,
    retentionPeriodMs: file?.retentionPeriodMs,
    logger: logger.child({ component: 'store' }),
  });
  const authEnabled = flags.authEnabled ?? file?.authEnabled ?? false;
  const effective = buildEffectiveConfig(file, { authEnabled, host, port, dataDir });
  const defaults = buildEffectiveConfig(undefined, { authEnabled: false, host: '127.0.0.1', port: 3100, dataDir: undefined });
  const server = createServer({
    store,
    host,
    port,
    authEnabled,
    auth: file?.auth,
    tls,
    maxBodyBytes: file?.maxBodyBytes,
    queryLimits: file?.queryLimits,
    queryTimeoutMs: file?.queryTimeoutMs,
    logger,
    modules: [createUiModule()],
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
