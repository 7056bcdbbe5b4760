import { WatchpostError } from '../../core/index.js';

/**
 * Loki's ParseError text: `parse error at line L, col C: msg`, or
 * `parse error : msg` when both are 0 (validation errors carry no position).
 */
export function formatParseError(message: string, line: number, col: number): string {
  if (line === 0 && col === 0) return `parse error : ${message}`;
  return `parse error at line ${line}, col ${col}: ${message}`;
}

/** The WatchpostError every LogQL parse or validation failure becomes. */
export function createParseError(message: string, line = 0, col = 0): WatchpostError {
  return new WatchpostError('ERR_LOGQL_PARSE', formatParseError(message, line, col), { details: { line, col, reason: message } });
}

/** ERR_LOGQL_PARSE with a message Loki returns as a plain error (no `parse error` prefix). */
export function createPlainError(message: string): WatchpostError {
  return new WatchpostError('ERR_LOGQL_PARSE', message, { details: { line: 0, col: 0, reason: message } });
}
