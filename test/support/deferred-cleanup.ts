import type { TestContext } from 'node:test';

/**
 * Cleanups for a test that starts processes: node's test runner runs
 * `t.after` hooks in the order they were added, and stops at the first that
 * fails — so a temp dir removed first, while a process still writes in it,
 * failed and left every process running (the test file then never exited).
 * `defer(fn)` runs the cleanups after the test in reverse order (processes
 * stop before their directory goes), each one even if another failed.
 */
export function deferredCleanup(t: TestContext): (fn: () => unknown) => void {
  const cleanups: (() => unknown)[] = [];
  t.after(async () => {
    let first: unknown;
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        first ??= err;
      }
    }
    if (first !== undefined) throw first;
  });
  return (fn) => {
    cleanups.push(fn);
  };
}
