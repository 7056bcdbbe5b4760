import { join } from 'node:path';
import { WatchpostError } from '../../core/index.js';
import type { AgentFlags } from './agent-flags.js';
import { createRotatingLog, type RotatingLog } from './log-file.js';
import { createStatusForwarder, createStatusLogger, formatGlogLine, type StatusLogContext, type StatusLogger } from './status-log.js';

export interface AgentOutputs {
  readonly results: RotatingLog;
  readonly snapshots: RotatingLog;
  /** Status entries below --logger_min_status are dropped. */
  readonly status: StatusLogger;
  close(): void;
}

/**
 * Opens the filesystem logger's files under --logger_path: results,
 * snapshots, the JSON status log and the glog-style osqueryd.INFO, all with
 * the --logger_rotate* settings and --logger_mode. Status entries also go to
 * stderr as glog lines unless --logger_stderr=false.
 */
export function openAgentOutputs(flags: AgentFlags, ctx: StatusLogContext): AgentOutputs {
  const loggerPath = flags.string('logger_path');
  const mode = parseInt(flags.string('logger_mode'), 8) || 0o640;
  const rotation = { rotate: flags.bool('logger_rotate'), rotateSizeBytes: flags.number('logger_rotate_size'), maxFiles: flags.number('logger_rotate_max_files'), mode };
  const [results, snapshots, statusJson, glog] = openFiles(`--logger_path ${loggerPath}`, () => [
    createRotatingLog(join(loggerPath, 'osqueryd.results.log'), rotation),
    createRotatingLog(join(loggerPath, 'osqueryd.snapshots.log'), rotation),
    createRotatingLog(join(loggerPath, 'osqueryd.status.log'), rotation),
    createRotatingLog(join(loggerPath, 'osqueryd.INFO'), rotation),
  ] as const);
  const minSeverity = flags.number('logger_min_status');
  const minStderr = flags.bool('logger_stderr') ? flags.number('logger_min_stderr') : Number.POSITIVE_INFINITY;
  const inner = createStatusLogger(statusJson, glog, ctx);
  const log: StatusLogger['log'] = (e) => {
    if (e.severity < minSeverity) return;
    inner.log(e);
    // osqueryd also writes its status lines to stderr, in glog's format (--logger_stderr, --logger_min_stderr).
    if (e.severity >= minStderr) process.stderr.write(`${formatGlogLine(e, ctx.now(), process.pid)}\n`);
  };
  return {
    results,
    snapshots,
    status: createStatusForwarder(log),
    close() {
      for (const l of [results, snapshots, statusJson, glog]) l.close();
    },
  };
}

/** Opens logs or state; an unusable path is a config error naming the flag, not a crash. */
export function openFiles<T>(what: string, open: () => T): T {
  try {
    return open();
  } catch (err) {
    throw new WatchpostError('ERR_CONFIG_INVALID', `cannot use ${what}: ${(err as Error).message}`, { cause: err });
  }
}
