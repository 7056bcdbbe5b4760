import { WatchpostError } from '../core/index.js';

/** The process exit code for an error: its code's sysexits value, 70 for unknown errors. */
export function exitCodeFor(err: unknown): number {
  return err instanceof WatchpostError ? err.exitCode : 70;
}

export const exitSigint = 130;
