import type { ServerResponse } from 'node:http';
import { codes, WatchpostError, type ErrorCode, type Logger } from '../../core/index.js';

/**
 * The only place where an error becomes an HTTP status (Loki's
 * `ClientHTTPStatusAndError`, fastify's `error-status.js`).
 *
 * - A WatchpostError answers with its code's status and its own message,
 *   which for Loki-compatible failures is Loki's exact text.
 * - A few Loki statuses have no code of their own in the registry (422 for a
 *   push without streams, 499 for a cancelled request); an error carries them
 *   as `details.httpStatus` (or `details.status`, as the store writes it),
 *   honoured only for those statuses.
 * - Anything else is an internal error: 500 with a generic message, and the
 *   real error goes to the log.
 */
export function toHttpStatus(err: unknown): number {
  if (!(err instanceof WatchpostError)) return 500;
  const details = err.details as { httpStatus?: unknown; status?: unknown } | undefined;
  const override = details?.httpStatus ?? details?.status;
  if (typeof override === 'number' && extraStatuses.has(override)) return override;
  return codes[err.code].status;
}

const extraStatuses = new Set([422, 499]);

/** How a route family writes errors: Loki's text/plain, or the Prometheus JSON envelope (ruler, format_query). */
export type ErrorFormat = 'text' | 'prometheus';

export interface ErrorReply {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
}

/** The status, code and client-safe message for `err`. */
export function describeError(err: unknown): ErrorReply {
  if (err instanceof WatchpostError) return { status: toHttpStatus(err), code: err.code, message: err.message };
  return { status: 500, code: 'ERR_INTERNAL', message: 'internal server error' };
}

/**
 * Answers `err` on `res` as Loki does: `text/plain; charset=utf-8`,
 * `X-Content-Type-Options: nosniff`, body = the message without a trailing
 * newline; plus `X-Watchpost-Error-Code` so clients never match on text.
 * With the `prometheus` format the body is
 * `{"status":"error","errorType":"bad_data"|…,"error":"…"}`.
 */
export function writeError(res: ServerResponse, err: unknown, options: { format?: ErrorFormat; logger?: Logger } = {}): void {
  const reply = describeError(err);
  if (reply.code === 'ERR_INTERNAL' || reply.status >= 500) {
    options.logger?.error('request failed', { err: err instanceof Error ? (err.stack ?? err.message) : String(err), code: reply.code });
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const format = options.format ?? 'text';
  const body =
    format === 'text'
      ? reply.message
      : JSON.stringify({ status: 'error', data: null, errorType: prometheusErrorType(reply.status), error: reply.message });
  res.writeHead(reply.status, {
    'Content-Type': format === 'text' ? 'text/plain; charset=utf-8' : 'application/json',
    'X-Content-Type-Options': 'nosniff',
    'X-Watchpost-Error-Code': reply.code,
    'Content-Length': Buffer.byteLength(body),
    // Two challenges, Basic first, so that browsers (the web UI) prompt for a password.
    ...(reply.status === 401 ? { 'WWW-Authenticate': ['Basic realm="watchpost"', 'Bearer realm="watchpost"'] } : {}),
  });
  res.end(body);
}

/** Prometheus API `errorType` for a status. */
export function prometheusErrorType(status: number): string {
  if (status === 422) return 'execution';
  if (status === 503) return 'unavailable';
  if (status === 504) return 'timeout';
  if (status === 499) return 'canceled';
  if (status >= 500) return 'server_error';
  return 'bad_data';
}
