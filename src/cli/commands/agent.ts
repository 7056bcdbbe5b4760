import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WatchpostError } from '../../core/index.js';
import { createAgent, loadAgentConfig, parseAgentArgs } from '../../agent/index.js';
import { exitSigint } from '../exit-codes.js';

const usage = `usage: watchpost agent [--flagfile=PATH] [--config_path=FILE] [--logger_path=DIR] [--database_path=DIR]
                       [--host_identifier=hostname|uuid|instance|ephemeral|specified] [--specified_identifier=ID]
                       [--pidfile=PATH] [--schedule_splay_percent=N] [--logger_event_type=true|false]
                       [--config_check] [--query_timeout=SECONDS] [--event_triggers=true|false] ...
osqueryd-compatible: runs the config's schedule and packs and writes differential results to
<logger_path>/osqueryd.results.log. Without --config_path it runs the built-in default config.
SIGHUP reloads the config; SIGTERM stops cleanly. Flags and files: docs/agent.md.
`;

/** `watchpost agent`: runs until SIGTERM/SIGINT; exit 0 after a clean stop (130 after SIGINT). */
export async function runAgentCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv.includes('--helpshort')) {
    process.stdout.write(usage);
    return 0;
  }
  const flags = parseAgentArgs(argv);
  if (flags.bool('config_check')) {
    loadAgentConfig(flags);
    return 0;
  }
  // Memory (osquery's watchdog allows 200 MB; Watchpost aims at 100): SQLite is WebAssembly, and
  // compiling it with V8's optimising tier costs ~40 MB of peak RSS while the agent's queries are
  // small and rare, so baseline (Liftoff) code does; --optimize-for-size keeps the heap tight, and
  // an exposed gc() lets the agent collect after a query that left a large heap behind.
  // Set before the engine compiles the module; `watchpost sql` keeps the defaults.
  setFlagsFromString('--liftoff-only --optimize-for-size --expose-gc');
  const collectGarbage = runInNewContext('gc') as (() => void) | undefined;
  const releasePidfile = claimPidfile(flags.string('pidfile'), flags.entries().has('pidfile'));
  let endSchedule = (): void => {};
  const agent = createAgent({ flags, onScheduleEnd: () => endSchedule(), ...(collectGarbage ? { collectGarbage } : {}) });
  try {
    await agent.start();
  } catch (err) {
    await agent.stop().catch(() => undefined);
    releasePidfile();
    throw err;
  }
  return await new Promise<number>((resolve) => {
    let stopping = false;
    const onHup = (): void => {
      void agent.reload().then((outcome) => {
        // With --logger_stderr (the default) the status line already said it.
        if (!outcome.ok && !flags.bool('logger_stderr')) process.stderr.write(`error[${outcome.error.code}]: ${outcome.error.message} (the running config stays)\n`);
      });
    };
    const stop = (code: number) => (): void => {
      if (stopping) return;
      stopping = true;
      process.off('SIGHUP', onHup);
      void agent.stop().finally(() => {
        releasePidfile();
        resolve(code);
      });
    };
    endSchedule = stop(0);
    process.on('SIGHUP', onHup);
    process.once('SIGTERM', stop(0));
    process.once('SIGINT', stop(exitSigint));
  });
}

/**
 * Writes our pid to the pidfile, refusing to start when it names another live
 * process. With the default path (not given on the command line), a pidfile
 * that cannot be written (not root) or is held is reported and skipped.
 */
function claimPidfile(path: string, explicit: boolean): () => void {
  try {
    const other = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(other) && other > 0 && other !== process.pid && isAlive(other)) {
      const message = `pidfile ${path} is in use by another process (${other})`;
      if (explicit) throw new WatchpostError('ERR_CLI_USAGE', message);
      process.stderr.write(`warning: ${message}; continuing without a pidfile\n`);
      return () => {};
    }
  } catch (err) {
    if (err instanceof WatchpostError) throw err;
  }
  try {
    const fd = openSync(path, 'w', 0o644);
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
  } catch (err) {
    if (explicit) throw new WatchpostError('ERR_CLI_USAGE', `cannot write pidfile ${path}: ${(err as Error).message}`);
    return () => {};
  }
  return () => rmSync(path, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
