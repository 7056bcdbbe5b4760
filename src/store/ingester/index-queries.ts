import type { Labels } from '../../core/index.js';
import type { StreamSelector } from '../../logql/index.js';
import type { IndexStats, TimeRange } from '../types.js';
import type { MemStream } from './mem-stream.js';
import type { TenantRegistry } from './tenant-state.js';

const everything: StreamSelector = { kind: 'StreamSelector', matchers: [] };

/** True when the stream holds data (head or a live chunk) in [startNs, endNs]. */
export function streamHasDataIn(stream: MemStream, range: TimeRange): boolean {
  if (stream.head.length > 0 && stream.headMaxTsNs >= range.startNs && stream.headMinTsNs <= range.endNs) return true;
  for (const c of stream.chunks) if (!c.deleted && c.meta.maxTsNs >= range.startNs && c.meta.minTsNs <= range.endNs) return true;
  return false;
}

function streamsIn(tenants: TenantRegistry, tenant: string, range: TimeRange, selector: StreamSelector | undefined): MemStream[] {
  const t = tenants.get(tenant);
  if (t === undefined) return [];
  return t.postings.select(selector ?? everything).filter((s) => streamHasDataIn(s, range));
}

/** Label names of the streams with data in the range, sorted; internal `__…` names hidden. */
export function queryLabelNames(tenants: TenantRegistry, tenant: string, range: TimeRange, selector?: StreamSelector): string[] {
  const names = new Set<string>();
  for (const s of streamsIn(tenants, tenant, range, selector)) for (const n in s.labels) if (!n.startsWith('__')) names.add(n);
  return [...names].sort();
}

export function queryLabelValues(tenants: TenantRegistry, tenant: string, name: string, range: TimeRange, selector?: StreamSelector): string[] {
  const values = new Set<string>();
  for (const s of streamsIn(tenants, tenant, range, selector)) {
    const v = s.labels[name];
    if (v !== undefined) values.add(v);
  }
  return [...values].sort();
}

/** One label set per stream matching any selector, in key order. */
export function querySeries(tenants: TenantRegistry, tenant: string, selectors: readonly StreamSelector[], range: TimeRange): Labels[] {
  const found = new Map<string, Labels>();
  for (const sel of selectors.length === 0 ? [everything] : selectors) {
    for (const s of streamsIn(tenants, tenant, range, sel)) found.set(s.key, s.labels);
  }
  return [...found.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, l]) => l);
}

/** Streams, chunks, entries and bytes in the range (whole chunks counted, as Loki's index does; the head counts as one chunk). */
export function queryStats(tenants: TenantRegistry, tenant: string, selector: StreamSelector, range: TimeRange): IndexStats {
  let streams = 0;
  let chunks = 0;
  let entries = 0;
  let bytes = 0;
  for (const s of streamsIn(tenants, tenant, range, selector)) {
    streams++;
    for (const c of s.chunks) {
      if (c.deleted || c.meta.maxTsNs < range.startNs || c.meta.minTsNs > range.endNs) continue;
      chunks++;
      entries += c.meta.entries;
      bytes += c.meta.bytes;
    }
    if (s.head.length > 0 && s.headMaxTsNs >= range.startNs && s.headMinTsNs <= range.endNs) {
      chunks++;
      entries += s.head.length;
      bytes += s.headBytes;
    }
  }
  return { streams, chunks, entries, bytes };
}
