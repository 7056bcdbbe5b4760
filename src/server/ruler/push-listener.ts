import type { Labels } from '../../core/index.js';
import type { Store } from '../../store/types.js';

/**
 * A Store that reports the stream labels of every push once it is
 * acknowledged (or partially accepted), so the ruler can evaluate the rules
 * those streams concern at once (its low-latency path). Everything else is
 * the wrapped store's.
 */
export function withPushListener(store: Store, onPush: (tenant: string, streams: Labels[]) => void): Store {
  const push: Store['push'] = async (tenant, streams) => {
    try {
      await store.push(tenant, streams);
    } finally {
      // A partially rejected push still stored its valid entries.
      onPush(tenant, streams.map((s) => s.labels));
    }
  };
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'push') return push;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
