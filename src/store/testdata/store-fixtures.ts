import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Labels } from '../../core/index.js';
import type { LogEntry, Matcher, StreamSelector } from '../../logql/index.js';
import type { Querier } from '../../logql/index.js';

export async function makeTempDir(prefix = 'wp-store-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function selector(...matchers: [string, Matcher['op'], string][]): StreamSelector {
  return { kind: 'StreamSelector', matchers: matchers.map(([name, op, value]) => ({ name, op, value })) };
}

/** ns timestamp from seconds offset relative to `baseMs`. */
export function ts(baseMs: number, offsetMs: number): bigint {
  return BigInt(baseMs + offsetMs) * 1_000_000n;
}

export function entries(baseMs: number, lines: [number, string][]): LogEntry[] {
  return lines.map(([offsetMs, line]) => ({ tsNs: ts(baseMs, offsetMs), line }));
}

/** Every entry `selectLogs` yields, grouped per stream key (concatenated in yield order). */
export async function collect(
  querier: Querier,
  params: { tenant?: string; selector: StreamSelector; startNs?: bigint; endNs?: bigint; direction?: 'forward' | 'backward'; lineFilter?: (l: string) => boolean; limitPerStream?: number },
): Promise<Map<string, { labels: Labels; lines: string[]; ts: bigint[]; filtered: boolean }>> {
  const out = new Map<string, { labels: Labels; lines: string[]; ts: bigint[]; filtered: boolean }>();
  for await (const batch of querier.selectLogs({
    tenant: params.tenant ?? 'fake',
    selector: params.selector,
    startNs: params.startNs ?? 0n,
    endNs: params.endNs ?? 1n << 62n,
    direction: params.direction ?? 'forward',
    lineFilter: params.lineFilter,
    limitPerStream: params.limitPerStream,
  })) {
    let s = out.get(batch.key);
    if (s === undefined) out.set(batch.key, (s = { labels: batch.labels, lines: [], ts: [], filtered: batch.filtered }));
    for (const e of batch.entries) {
      s.lines.push(e.line);
      s.ts.push(e.tsNs);
    }
  }
  return out;
}

/** All lines of all streams, for quick assertions. */
export async function allLines(querier: Querier, tenant = 'fake'): Promise<string[]> {
  const res = await collect(querier, { tenant, selector: selector(['__name__', '!=', 'x']) });
  return [...res.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).flatMap(([, s]) => s.lines);
}

/** Store options that disable the rate limits (tests that push a lot). */
export const unlimited = {
  ingestionRateBytes: 1e12,
  ingestionBurstBytes: 1e12,
  perStreamRateBytes: 1e12,
  perStreamBurstBytes: 1e12,
} as const;
