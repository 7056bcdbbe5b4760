import { formatCalendarTime } from './results-format.js';
import { compareBytes } from './differential.js';
import type { RotatingLog } from './log-file.js';

/** osquery's status severities: 0 INFO, 1 WARNING, 2 ERROR. */
export type Severity = 0 | 1 | 2;

export interface StatusEntry {
  readonly severity: Severity;
  /** The source file the message is attributed to (osquery's names where the message is osquery's). */
  readonly filename: string;
  readonly line: number;
  readonly message: string;
}

export interface StatusLogContext {
  hostIdentifier(): string;
  decorations(): Readonly<Record<string, string>>;
  readonly version: string;
  now(): number;
}

export interface StatusLogger {
  log(entry: StatusEntry): void;
  info(filename: string, line: number, message: string): void;
  warning(filename: string, line: number, message: string): void;
  error(filename: string, line: number, message: string): void;
}

const letters = ['I', 'W', 'E'] as const;

/** A StatusLogger whose entries all go through `log` (info/warning/error are shorthands). */
export function createStatusForwarder(log: (entry: StatusEntry) => void): StatusLogger {
  return {
    log,
    info: (filename, line, message) => log({ severity: 0, filename, line, message }),
    warning: (filename, line, message) => log({ severity: 1, filename, line, message }),
    error: (filename, line, message) => log({ severity: 2, filename, line, message }),
  };
}

/**
 * The status log in two forms: `osqueryd.status.log` holds one JSON line per
 * entry in the shape osquery's TLS logger sends (hostIdentifier,
 * calendarTime, unixTime, severity, filename, line, message, version,
 * decorations), and `osqueryd.INFO` the glog text osquery's filesystem
 * logger writes (`W1203 18:10:10.123456 4242 scheduler.cpp:120] message`).
 */
export function createStatusLogger(json: RotatingLog, glog: RotatingLog | undefined, ctx: StatusLogContext): StatusLogger {
  function log(entry: StatusEntry): void {
    const nowMs = ctx.now();
    const unixTime = Math.floor(nowMs / 1000);
    const decorations = ctx.decorations();
    const keys = Object.keys(decorations).sort(compareBytes);
    const deco = keys.length === 0 ? '' : `,"decorations":{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(decorations[k])}`).join(',')}}`;
    json.append([
      `{"hostIdentifier":${JSON.stringify(ctx.hostIdentifier())},"calendarTime":${JSON.stringify(formatCalendarTime(unixTime))},` +
        `"unixTime":${unixTime},"severity":${entry.severity},"filename":${JSON.stringify(entry.filename)},"line":${entry.line},` +
        `"message":${JSON.stringify(entry.message)},"version":${JSON.stringify(ctx.version)}${deco}}`,
    ]);
    glog?.append([formatGlogLine(entry, nowMs, process.pid)]);
  }
  return createStatusForwarder(log);
}

/** One glog text line as osquery's custom prefix writes it: severity letter, MMDD, time with microseconds (UTC), thread id (width 5), file:line] message. */
export function formatGlogLine(entry: StatusEntry, nowMs: number, pid: number): string {
  const d = new Date(nowMs);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  return `${letters[entry.severity]}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros} ${String(pid).padStart(5, ' ')} ${entry.filename}:${entry.line}] ${entry.message}`;
}
