import type { QueryPerformance } from '../tables/osquery/index.js';

/** One run's measurements. */
export interface RunSample {
  /** Unix seconds when the run finished. */
  readonly unixTime: number;
  readonly wallMs: number;
  /** CPU used during the run (process.cpuUsage delta, microseconds). */
  readonly cpu: NodeJS.CpuUsage;
  /** Bytes of log lines the run wrote. */
  readonly outputBytes: number;
  /** Resident memory after the run. */
  readonly rss: number;
}

export interface PerformanceLog {
  record(name: string, sample: RunSample): void;
  /** Totals and last-run figures in osquery_schedule's units; undefined before the first run. */
  get(name: string): QueryPerformance | undefined;
}

interface Totals {
  executions: number;
  lastExecuted: number;
  outputSize: number;
  wallTimeMs: number;
  lastWallTimeMs: number;
  userTimeMs: number;
  lastUserTimeMs: number;
  systemTimeMs: number;
  lastSystemTimeMs: number;
  memoryTotal: number;
  lastMemory: number;
}

/** Per-query run statistics for osquery_schedule (osquery's Config::recordQueryPerformance). */
export function createPerformanceLog(): PerformanceLog {
  const totals = new Map<string, Totals>();
  return {
    record(name, s) {
      const p = totals.get(name) ?? { executions: 0, lastExecuted: 0, outputSize: 0, wallTimeMs: 0, lastWallTimeMs: 0, userTimeMs: 0, lastUserTimeMs: 0, systemTimeMs: 0, lastSystemTimeMs: 0, memoryTotal: 0, lastMemory: 0 };
      p.executions++;
      p.lastExecuted = s.unixTime;
      p.outputSize += s.outputBytes;
      p.lastWallTimeMs = Math.round(s.wallMs);
      p.wallTimeMs += p.lastWallTimeMs;
      p.lastUserTimeMs = Math.round(s.cpu.user / 1000);
      p.userTimeMs += p.lastUserTimeMs;
      p.lastSystemTimeMs = Math.round(s.cpu.system / 1000);
      p.systemTimeMs += p.lastSystemTimeMs;
      p.lastMemory = s.rss;
      p.memoryTotal += s.rss;
      totals.set(name, p);
    },
    get(name) {
      const p = totals.get(name);
      if (!p) return undefined;
      return {
        executions: p.executions,
        lastExecuted: p.lastExecuted,
        outputSize: p.outputSize,
        wallTime: Math.round(p.wallTimeMs / 1000),
        wallTimeMs: p.wallTimeMs,
        lastWallTimeMs: p.lastWallTimeMs,
        userTimeMs: p.userTimeMs,
        lastUserTimeMs: p.lastUserTimeMs,
        systemTimeMs: p.systemTimeMs,
        lastSystemTimeMs: p.lastSystemTimeMs,
        averageMemory: Math.round(p.memoryTotal / p.executions),
        lastMemory: p.lastMemory,
      };
    },
  };
}
