import type { Labels } from '../../core/index.js';
import type { StreamSelector } from '../../logql/index.js';
import { compileSelector } from './match-labels.js';

/**
 * The label index of one tenant: label name → value → ids of the streams
 * carrying that pair. A selector starts from its most selective equality
 * matcher's postings and checks the remaining matchers on those streams
 * only, so it never touches streams that cannot match.
 */
export interface Postings<T> {
  add(id: number, labels: Labels, item: T): void;
  remove(id: number, labels: Labels): void;
  /** Items whose labels satisfy every matcher of `selector`. */
  select(selector: StreamSelector): T[];
  /** Every label name with at least one stream, unsorted. */
  names(): string[];
  /** Every value of `name`, unsorted. */
  values(name: string): string[];
  size(): number;
}

export function createPostings<T extends { readonly labels: Labels }>(): Postings<T> {
  const byName = new Map<string, Map<string, Set<number>>>();
  const items = new Map<number, T>();
  return {
    add(id, labels, item) {
      items.set(id, item);
      for (const name in labels) {
        let values = byName.get(name);
        if (values === undefined) byName.set(name, (values = new Map()));
        const value = labels[name] as string;
        let ids = values.get(value);
        if (ids === undefined) values.set(value, (ids = new Set()));
        ids.add(id);
      }
    },
    remove(id, labels) {
      items.delete(id);
      for (const name in labels) {
        const values = byName.get(name);
        const ids = values?.get(labels[name] as string);
        if (values === undefined || ids === undefined) continue;
        ids.delete(id);
        if (ids.size === 0) values.delete(labels[name] as string);
        if (values.size === 0) byName.delete(name);
      }
    },
    select(selector) {
      let best: Set<number> | undefined;
      for (const m of selector.matchers) {
        if (m.op !== '=' || m.value === '') continue;
        const ids = byName.get(m.name)?.get(m.value);
        if (ids === undefined) return [];
        if (best === undefined || ids.size < best.size) best = ids;
      }
      const matches = compileSelector(selector);
      const out: T[] = [];
      if (best !== undefined) {
        for (const id of best) {
          const item = items.get(id) as T;
          if (matches(item.labels)) out.push(item);
        }
        return out;
      }
      for (const item of items.values()) if (matches(item.labels)) out.push(item);
      return out;
    },
    names() {
      return [...byName.keys()];
    },
    values(name) {
      return [...(byName.get(name)?.keys() ?? [])];
    },
    size() {
      return items.size;
    },
  };
}
