import { setImmediate as waitForImmediate } from 'node:timers/promises';

/**
 * A cooperative yield for long scans: call it once per batch; it gives the
 * event loop a turn (I/O, other requests, timers) when the current slice has
 * run longer than `sliceMs`, and costs a clock read otherwise.
 */
export function createYieldPoint(sliceMs = 20): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    const now = performance.now();
    if (now - sliceStart < sliceMs) return undefined;
    return waitForImmediate().then(() => {
      sliceStart = performance.now();
    });
  };
}
