import type { BackoffConfig } from '../config/types.js';

/**
 * promtail's backoff: the delay before retry n (1-based) is uniform-random in
 * [min·2^(n-1), min·2^n), capped at max_period.
 */
export function computeBackoffMs(config: BackoffConfig, retry: number, random: () => number = Math.random): number {
  const low = config.minPeriodMs * 2 ** Math.max(0, retry - 1);
  if (low >= config.maxPeriodMs) return config.maxPeriodMs;
  return Math.min(config.maxPeriodMs, low + random() * low);
}

/** Whether promtail retries a push that ended with `status` (-1 = network error). */
export function isRetryableStatus(status: number, dropRateLimited: boolean): boolean {
  if (status === 429) return !dropRateLimited;
  return status === -1 || status >= 500;
}
