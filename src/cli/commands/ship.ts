import { readConfigFile, WatchpostError } from '../../core/index.js';
import {
  applyShipperMemoryProfile,
  createProgressReporter,
  parseShipperConfig,
  Shipper,
  startShipper,
  validateShipperConfig,
  type ShipperConfig,
  type ShipperOptions,
} from '../../shipper/index.js';
import { exitSigint } from '../exit-codes.js';

const usage = `usage: watchpost ship -config.file=FILE [-config.expand-env=true] [-dry-run] [--once] [-stdin]
                      [-buffer.dir=DIR] [-buffer.max-bytes=N] [-check-syntax] [-log.level=info]
promtail-compatible: tails the config's files (and journal, syslog, stdin), runs its pipeline_stages
and pushes to its clients. Also --config FILE. --once reads every matched file to its end, delivers it
and exits 0 only when every line was acknowledged. SIGHUP reloads the config; SIGTERM stops cleanly.
`;

interface ShipFlags {
  configFile?: string;
  expandEnv: boolean;
  dryRun: boolean;
  once: boolean;
  stdin: boolean;
  checkSyntax: boolean;
  bufferDir?: string;
  bufferMaxBytes?: number;
  logLevel?: string;
}

const boolFlags = new Set(['config.expand-env', 'dry-run', 'once', 'stdin', 'check-syntax', 'help', 'h']);
const valueFlags = new Set(['config.file', 'config', 'buffer.dir', 'buffer.max-bytes', 'log.level']);

/** Go-style flags: `-name=value`, `-name value`, `--name`, booleans as `-name` or `-name=true`. */
export function parseShipArgs(argv: readonly string[]): ShipFlags & { help: boolean } {
  const flags: ShipFlags & { help: boolean } = { expandEnv: false, dryRun: false, once: false, stdin: false, checkSyntax: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new WatchpostError('ERR_CLI_USAGE', `unexpected argument "${arg}"\n${usage}`);
    const name = m[1] as string;
    let value = m[2];
    if (boolFlags.has(name)) {
      if (value !== undefined && !['true', 'false', '1', '0'].includes(value)) {
        throw new WatchpostError('ERR_CLI_USAGE', `invalid boolean value "${value}" for -${name}: parse error`);
      }
      const on = value === undefined || value === 'true' || value === '1';
      if (name === 'config.expand-env') flags.expandEnv = on;
      else if (name === 'dry-run') flags.dryRun = on;
      else if (name === 'once') flags.once = on;
      else if (name === 'stdin') flags.stdin = on;
      else if (name === 'check-syntax') flags.checkSyntax = on;
      else flags.help = on;
      continue;
    }
    if (!valueFlags.has(name)) throw new WatchpostError('ERR_CLI_USAGE', `flag provided but not defined: -${name}\n${usage}`);
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new WatchpostError('ERR_CLI_USAGE', `flag needs an argument: -${name}`);
    }
    if (name === 'config.file' || name === 'config') flags.configFile = value;
    else if (name === 'buffer.dir') flags.bufferDir = value;
    else if (name === 'log.level') flags.logLevel = value;
    else {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw new WatchpostError('ERR_CLI_USAGE', `-buffer.max-bytes must be a positive integer, got "${value}"`);
      flags.bufferMaxBytes = n;
    }
  }
  return flags;
}

function loadConfig(flags: ShipFlags): ShipperConfig {
  if (!flags.configFile) throw new WatchpostError('ERR_CLI_USAGE', `-config.file is required\n${usage}`);
  return readConfigFile(flags.configFile, (text) => parseShipperConfig(text, { expandEnv: flags.expandEnv }));
}

/** `watchpost ship`: runs until SIGTERM/SIGINT, or with --once until the backfill is delivered. */
export async function runShipCommand(argv: string[]): Promise<number> {
  const flags = parseShipArgs(argv);
  if (flags.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (flags.logLevel) process.env.WATCHPOST_LOG_LEVEL = flags.logLevel;
  let config = loadConfig(flags);
  if (flags.checkSyntax) {
    validateShipperConfig(config);
    process.stdout.write('Valid config file! No syntax issues found\n');
    return 0;
  }
  const options = (cfg: ShipperConfig): ShipperOptions => ({
    config: cfg,
    dryRun: flags.dryRun ? (text) => process.stdout.write(text) : undefined,
    bufferDir: flags.bufferDir,
    bufferMaxBytes: flags.bufferMaxBytes,
    stdin: flags.stdin || cfg.targetStdin ? process.stdin : undefined,
    once: flags.once,
  });
  // The heap profile applies once start-up's allocations are done (it would slow them down).
  if (flags.once) {
    const shipper = new Shipper(options(config));
    applyShipperMemoryProfile();
    return await runOnce(shipper);
  }

  let shipper = await startShipper(options(config));
  applyShipperMemoryProfile();
  return await new Promise<number>((resolve) => {
    let stopping = false;
    let reloading = Promise.resolve();
    const onHup = (): void => {
      reloading = reloading.then(async () => {
        let next: ShipperConfig;
        try {
          next = loadConfig(flags);
          validateShipperConfig(next);
        } catch (err) {
          const code = err instanceof WatchpostError ? err.code : 'ERR_INTERNAL';
          process.stderr.write(`error[${code}]: ${(err as Error).message} (reload failed, the running config stays)\n`);
          return;
        }
        await shipper.stop();
        try {
          shipper = await startShipper(options(next));
          config = next;
          shipper.logger.info('reloaded config', { file: flags.configFile });
        } catch (err) {
          const code = err instanceof WatchpostError ? err.code : 'ERR_INTERNAL';
          process.stderr.write(`error[${code}]: ${(err as Error).message} (reload failed, starting the previous config again)\n`);
          shipper = await startShipper(options(config));
        }
      });
    };
    const stop = (code: number) => (): void => {
      if (stopping) return;
      stopping = true;
      process.off('SIGHUP', onHup);
      void reloading.then(() => shipper.stop()).finally(() => resolve(code));
    };
    process.on('SIGHUP', onHup);
    process.once('SIGTERM', stop(0));
    process.once('SIGINT', stop(exitSigint));
  });
}

async function runOnce(shipper: Shipper): Promise<number> {
  const reporter = createProgressReporter({ progress: () => shipper.progress(), stream: process.stderr });
  let result;
  try {
    result = await shipper.runOnce();
  } finally {
    reporter.stop();
  }
  const summary = `shipped ${result.entriesAcked} of ${result.linesRead} lines read; ${result.entriesDropped} dropped`;
  if (result.failure) throw new WatchpostError('ERR_SHIP_PUSH', `${result.failure.message}; ${summary}`);
  if (result.entriesDropped > 0) {
    throw new WatchpostError('ERR_SHIP_PUSH', `the store refused ${result.entriesDropped} entries (see promtail_dropped_entries_total); ${summary}`);
  }
  process.stderr.write(`${summary}\n`);
  return 0;
}
