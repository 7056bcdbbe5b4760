import { SqlFunctionError, type ScalarFunction, type SqlArg, type SqlResult } from './define.js';

/** The longest sleep() honours, whatever it is asked: the engine's default statement timeout. */
export const maxSleepSeconds = 10;

export interface SleepOptions {
  /** Milliseconds left before the current statement's deadline, when the engine knows it. */
  readonly remainingMs?: () => number;
  /** Blocks the calling thread; tests replace it. Default: Atomics.wait on a private buffer. */
  readonly block?: (ms: number) => void;
}

function blockThread(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * sleep(seconds), as osquery's sqlSleep: the argument is read with
 * sqlite3_value_int (so '2' and 2.9 both mean 2, NULL means 0), a negative
 * value returns 0 at once, otherwise it blocks and returns the seconds
 * slept. Bounded here: never more than maxSleepSeconds, and when
 * `remainingMs` is given, a sleep that would outlast the statement waits
 * until the deadline and then fails with SQLite's "interrupted" (which the
 * engine reports as a timeout). SQLite runs synchronously, so the whole
 * thread waits, as osquery's worker thread does.
 */
export function createSleepFunction(options: SleepOptions = {}): ScalarFunction {
  const block = options.block ?? blockThread;
  return {
    name: 'sleep',
    arity: 1,
    deterministic: false,
    fn: (arg: SqlArg): SqlResult => {
      const seconds = arg.int();
      if (seconds < 0) return 0;
      const capped = Math.min(seconds, maxSleepSeconds);
      const budgetMs = options.remainingMs ? Math.max(0, options.remainingMs()) : Number.POSITIVE_INFINITY;
      const ms = Math.min(capped * 1000, budgetMs);
      block(ms);
      if (ms < capped * 1000) throw new SqlFunctionError('interrupted');
      return capped;
    },
  };
}
