/** osquery's watchdog limits for a level: 0 normal, 1 restrictive, -1 (or disabled) none. */
export interface WatchdogLimits {
  /** Resident memory in bytes; 0 = no limit. */
  readonly memoryBytes: number;
  /** Percent of one core, averaged over the check window; 0 = no limit. */
  readonly cpuPercent: number;
}

/** Limits from --watchdog_level, overridden by --watchdog_memory_limit (MB) and --watchdog_utilization_limit (%). */
export function watchdogLimits(level: number, memoryLimitMb: number, utilizationLimit: number, disabled: boolean): WatchdogLimits {
  if (disabled || level < 0) return { memoryBytes: 0, cpuPercent: 0 };
  const base = level >= 1 ? { mb: 100, cpu: 5 } : { mb: 200, cpu: 10 };
  return {
    memoryBytes: (memoryLimitMb > 0 ? memoryLimitMb : base.mb) * 1024 * 1024,
    cpuPercent: utilizationLimit > 0 ? utilizationLimit : base.cpu,
  };
}

export interface SelfMonitor {
  /** Whether resident memory is over the limit right now. */
  overMemory(): boolean;
  /** Whether the process should hold back scheduled (not event-triggered) runs. */
  throttled(): boolean;
  stop(): void;
}

export interface SelfMonitorOptions {
  readonly limits: WatchdogLimits;
  /** Seconds after start before limits apply (--watchdog_delay). */
  readonly delayS: number;
  /** How often to sample, ms; default 3000. */
  readonly sampleMs?: number;
  /** Consecutive over-limit samples before acting (osquery's latency limit); default 4 (~12 s). */
  readonly samplesOverLimit?: number;
  readonly onLimit: (kind: 'memory' | 'cpu', message: string) => void;
}

/**
 * The agent's watchdog, in-process: osquery forks a worker and kills it past
 * its limits; Watchpost has one process, so it samples its own RSS and CPU
 * and, past a limit, writes osquery's status line, holds back scheduled runs
 * for a minute (CPU) and denylists the query that just ran (memory).
 */
export function startSelfMonitor(options: SelfMonitorOptions): SelfMonitor {
  const { limits } = options;
  const sampleMs = options.sampleMs ?? 3000;
  const need = options.samplesOverLimit ?? 4;
  const startedMs = Date.now();
  let lastCpu = process.cpuUsage();
  let lastMs = performance.now();
  let overCount = 0;
  let throttleUntilMs = 0;
  const active = (): boolean => Date.now() - startedMs >= options.delayS * 1000;

  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const percent = ((cpu.user + cpu.system) / 1000 / Math.max(1, now - lastMs)) * 100;
    lastCpu = process.cpuUsage();
    lastMs = now;
    if (!active() || limits.cpuPercent <= 0) return;
    overCount = percent > limits.cpuPercent ? overCount + 1 : 0;
    if (overCount >= need) {
      overCount = 0;
      throttleUntilMs = Date.now() + 60_000;
      options.onLimit('cpu', `osqueryd worker (${process.pid}) system performance limits exceeded`);
    }
  }, sampleMs);
  timer.unref();

  return {
    overMemory() {
      if (!active() || limits.memoryBytes <= 0) return false;
      const rss = process.memoryUsage.rss();
      if (rss <= limits.memoryBytes) return false;
      options.onLimit('memory', `osqueryd worker (${process.pid}) memory limits exceeded: ${rss}`);
      return true;
    },
    throttled: () => Date.now() < throttleUntilMs,
    stop: () => clearInterval(timer),
  };
}
