export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Where lines go; defaults to stderr. Results never go through the logger. */
  readonly write?: (line: string) => void;
  readonly fields?: Record<string, unknown>;
}

/**
 * A logfmt-style logger writing one line per event to stderr, as Loki and
 * promtail do: `level=warn ts=… component=agent msg="…" key=value`.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = order[options.level ?? (process.env.WATCHPOST_LOG_LEVEL as LogLevel | undefined) ?? 'info'] ?? order.info;
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const base = options.fields ?? {};
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (order[level] < min) return;
    const parts = [`level=${level}`, `ts=${new Date().toISOString()}`];
    for (const [k, v] of Object.entries({ ...base, msg, ...fields })) parts.push(`${k}=${formatValue(v)}`);
    write(parts.join(' '));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

function formatValue(v: unknown): string {
  const s = v instanceof Error ? v.message : typeof v === 'string' ? v : JSON.stringify(v);
  return /^[^\s"=]+$/.test(s ?? '') ? (s as string) : JSON.stringify(s ?? '');
}
