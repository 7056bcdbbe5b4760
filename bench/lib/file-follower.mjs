// Follows a growing text file (inotify through fs.watch, plus a 20 ms poll as
// a fallback) and timestamps each line when it is first seen, so a benchmark
// can tell when a log line was written (performance.now() clock).
import { closeSync, openSync, readSync, watch } from 'node:fs';
import { performance } from 'node:perf_hooks';

export function followFile(path) {
  const fd = openSync(path, 'r');
  const lines = []; // { text, seenMs }
  const waiters = [];
  let offset = 0;
  let partial = '';
  const buffer = Buffer.alloc(64 * 1024);
  const readNew = () => {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, offset);
      if (n <= 0) break;
      offset += n;
      const seenMs = performance.now();
      const parts = (partial + buffer.toString('utf8', 0, n)).split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) {
        const entry = { text, seenMs };
        lines.push(entry);
        for (const waiter of waiters.splice(0)) {
          if (waiter.pattern.test(text)) waiter.resolve(entry);
          else waiters.push(waiter);
        }
      }
    }
  };
  const watcher = watch(path, () => readNew());
  const poll = setInterval(readNew, 20);
  return {
    /** Resolves with { text, seenMs } of the first line matching `pattern` (already seen or later); undefined after `timeoutMs`. */
    waitFor(pattern, timeoutMs = 30_000) {
      readNew();
      const found = lines.find((l) => pattern.test(l.text));
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const waiter = { pattern, resolve: (entry) => (clearTimeout(timer), resolve(entry)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          resolve(undefined);
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close() {
      clearInterval(poll);
      watcher.close();
      closeSync(fd);
    },
  };
}
