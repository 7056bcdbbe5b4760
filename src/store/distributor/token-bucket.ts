/**
 * A token bucket like golang.org/x/time/rate's `AllowN`: `ratePerSec`
 * tokens refill per second up to `burst`; a request for more than is
 * available (or more than the burst) is refused and takes nothing.
 */
export interface TokenBucket {
  allow(n: number, nowMs: number): boolean;
  readonly ratePerSec: number;
}

export function createTokenBucket(ratePerSec: number, burst: number, nowMs: number): TokenBucket {
  let tokens = burst;
  let lastMs = nowMs;
  return {
    ratePerSec,
    allow(n, now) {
      if (ratePerSec <= 0) return true;
      if (now > lastMs) {
        tokens = Math.min(burst, tokens + ((now - lastMs) / 1000) * ratePerSec);
        lastMs = now;
      }
      if (n > tokens) return false;
      tokens -= n;
      return true;
    },
  };
}
