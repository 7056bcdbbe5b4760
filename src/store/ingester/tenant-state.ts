import type { Labels } from '../../core/index.js';
import { createPostings, type Postings } from '../index/postings.js';
import type { LabelCache } from '../distributor/validate-push.js';
import type { TokenBucket } from '../distributor/token-bucket.js';
import { createMemStream, type MemStream } from './mem-stream.js';
import { WriteLog } from './write-log.js';

/** Everything the store holds for one tenant (Loki's ingester `instance`). */
export interface TenantState {
  readonly name: string;
  readonly streams: Map<string, MemStream>;
  readonly postings: Postings<MemStream>;
  readonly labelCache: LabelCache;
  rate: TokenBucket | undefined;
  /** What became visible when (for readers that keep results between queries). */
  readonly writes: WriteLog;
}

export interface TenantRegistry {
  get(tenant: string): TenantState | undefined;
  getOrCreate(tenant: string): TenantState;
  /** The stream with `key`, created (and indexed) if new. */
  stream(tenant: TenantState, labels: Labels, key: string): MemStream;
  removeStream(tenant: TenantState, stream: MemStream): void;
  all(): IterableIterator<TenantState>;
}

export function createTenantRegistry(): TenantRegistry {
  const tenants = new Map<string, TenantState>();
  let nextId = 1;
  return {
    get: (name) => tenants.get(name),
    getOrCreate(name) {
      let t = tenants.get(name);
      if (t === undefined) {
        t = { name, streams: new Map(), postings: createPostings<MemStream>(), labelCache: new Map(), rate: undefined, writes: new WriteLog() };
        tenants.set(name, t);
      }
      return t;
    },
    stream(tenant, labels, key) {
      let s = tenant.streams.get(key);
      if (s === undefined) {
        s = createMemStream(nextId++, tenant.name, labels, key);
        tenant.streams.set(key, s);
        tenant.postings.add(s.id, labels, s);
      }
      return s;
    },
    removeStream(tenant, stream) {
      tenant.streams.delete(stream.key);
      tenant.postings.remove(stream.id, stream.labels);
    },
    all: () => tenants.values(),
  };
}
