import { readFileSync } from 'node:fs';
import { createLogger, WatchpostError, type LogLevel } from '../../core/index.js';
import { exitSigint } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { runUp } from '../up/run-up.js';
import { resolveUpConfig } from '../up/up-config.js';

const usage = `usage: watchpost up [options]
Runs the whole system on this host in one process: the agent (osquery packs), the shipper
(promtail pipeline), the Loki-compatible store, the ruler with the built-in SSH detections,
the web UI and /metrics — all on one port.

options:
  --config FILE               watchpost.yaml (see docs/up.md); flags win over it
  --data-dir DIR              data and state (default $XDG_DATA_HOME/watchpost or ~/.local/share/watchpost)
  --http-listen-address ADDR  default 127.0.0.1 (elsewhere needs auth in the config's server section)
  --http-listen-port PORT     default 3100
  --alertmanager-url URL      send alerts to this Alertmanager (repeatable)
  --webhook-url URL           send Alertmanager-style webhook payloads here (repeatable)
  --rules-dir DIR             extra rule files (repeatable)
  --auth-log FILE             auth log to ship as {job="auth"} (repeatable; default /var/log/auth.log, /var/log/secure)
  --push-url URL              fleet host: run only the agent and shipper, pushing to this Loki-compatible URL
  --push-token TOKEN          bearer token for --push-url
  --host-identifier ID        this host's name in results and labels (osquery's specified identifier)
  --log-level LEVEL           debug|info|warn|error
`;

const options = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  'http-listen-address': { type: 'string' },
  'http-listen-port': { type: 'string' },
  'alertmanager-url': { type: 'string', multiple: true },
  'webhook-url': { type: 'string', multiple: true },
  'rules-dir': { type: 'string', multiple: true },
  'auth-log': { type: 'string', multiple: true },
  'push-url': { type: 'string' },
  'push-token': { type: 'string' },
  'host-identifier': { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `watchpost up`: runs until SIGINT/SIGTERM, printing one status line per component. */
export async function runUpCommand(argv: string[]): Promise<number> {
  const flags = parseCommandArgs({ args: argv, options, strict: true }, usage).values;
  if (flags.help) {
    process.stdout.write(usage);
    return 0;
  }
  const port = flags['http-listen-port'] === undefined ? undefined : Number(flags['http-listen-port']);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new WatchpostError('ERR_CLI_USAGE', `invalid port "${flags['http-listen-port']}"`);
  const level = (flags['log-level'] ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new WatchpostError('ERR_CLI_USAGE', `invalid log level "${level}"`);
  const configText = flags.config === undefined ? undefined : readConfig(flags.config);
  const config = resolveUpConfig(
    {
      config: flags.config,
      dataDir: flags['data-dir'],
      listenAddress: flags['http-listen-address'],
      listenPort: port,
      alertmanagerUrls: flags['alertmanager-url'],
      webhookUrls: flags['webhook-url'],
      rulesDirs: flags['rules-dir'],
      authLogs: flags['auth-log'],
      pushUrl: flags['push-url'],
      pushToken: flags['push-token'],
      hostIdentifier: flags['host-identifier'],
    },
    configText,
  );
  const logger = createLogger({ level, fields: { component: 'up' } });
  const up = await runUp(config, { logger });
  process.stdout.write(`watchpost up: data in ${config.dataDir}\n`);
  for (const c of up.status()) process.stdout.write(`  ${c.name.padEnd(8)} ${c.state.padEnd(8)} ${c.state === 'failed' ? c.error : c.detail}\n`);
  if (up.url) process.stdout.write(`UI: ${up.url}/  ·  Loki API: ${up.url}/loki/api/v1/  ·  metrics: ${up.url}/metrics\n`);
  process.stdout.write('Ctrl-C stops everything.\n');
  return await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (code: number) => (): void => {
      if (stopping) return;
      stopping = true;
      void up.stop().finally(() => resolve(code));
    };
    process.once('SIGTERM', stop(0));
    process.once('SIGINT', stop(exitSigint));
  });
}

function readConfig(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new WatchpostError('ERR_NO_INPUT', `cannot read config file ${path}: ${(err as Error).message}`);
  }
}
