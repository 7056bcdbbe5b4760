import { codes, type ErrorCode } from './codes.js';

const brand = Symbol.for('watchpost.error');

export interface WatchpostErrorOptions {
  readonly cause?: unknown;
  readonly details?: object;
}

/**
 * The base error of Watchpost. Throw it where the condition is known; the
 * code survives every hop (HTTP header, CLI exit code), so callers never
 * match on message text.
 */
export class WatchpostError extends Error {
  readonly code: ErrorCode;
  readonly details: object | undefined;

  constructor(code: ErrorCode, message: string, options: WatchpostErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'WatchpostError';
    this.code = code;
    this.details = options.details;
    Object.defineProperty(this, brand, { value: true });
  }

  /** The HTTP status this error maps to. */
  get status(): number {
    return codes[this.code].status;
  }

  /** The process exit code this error maps to. */
  get exitCode(): number {
    return codes[this.code].exit;
  }

  // Keeps instanceof working when two copies of the package are loaded.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }
}

/** Whether `err` is a WatchpostError with the given code. */
export function isErrorCode(err: unknown, code: ErrorCode): err is WatchpostError {
  return err instanceof WatchpostError && err.code === code;
}
