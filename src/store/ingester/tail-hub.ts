import type { Labels } from '../../core/index.js';
import type { LogEntry, StreamSelector } from '../../logql/index.js';
import { compileSelector, type LabelPredicate } from '../index/match-labels.js';

export type TailCallback = (stream: Labels, entries: readonly LogEntry[]) => void;

/**
 * Live subscriptions (Loki's tailers). `publish` is called after a push's
 * WAL fsync, so subscribers only ever see acknowledged entries. A throwing
 * subscriber is dropped, never the push.
 */
export interface TailHub {
  subscribe(tenant: string, selector: StreamSelector, onEntries: TailCallback): () => void;
  hasSubscribers(tenant: string): boolean;
  publish(tenant: string, labels: Labels, entries: readonly LogEntry[]): void;
}

interface Subscription {
  readonly matches: LabelPredicate;
  readonly onEntries: TailCallback;
}

export function createTailHub(): TailHub {
  const byTenant = new Map<string, Set<Subscription>>();
  return {
    subscribe(tenant, selector, onEntries) {
      const sub: Subscription = { matches: compileSelector(selector), onEntries };
      let subs = byTenant.get(tenant);
      if (subs === undefined) byTenant.set(tenant, (subs = new Set()));
      subs.add(sub);
      return () => {
        subs.delete(sub);
        if (subs.size === 0 && byTenant.get(tenant) === subs) byTenant.delete(tenant);
      };
    },
    hasSubscribers: (tenant) => byTenant.has(tenant),
    publish(tenant, labels, entries) {
      const subs = byTenant.get(tenant);
      if (subs === undefined) return;
      for (const sub of subs) {
        if (!sub.matches(labels)) continue;
        try {
          sub.onEntries(labels, entries);
        } catch {
          subs.delete(sub);
        }
      }
    },
  };
}
