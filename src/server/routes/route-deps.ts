import type { Logger } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { ServerMetrics } from '../server-metrics.js';

/** What every route factory receives from createServer. */
export interface RouteDeps {
  readonly store: Store;
  readonly metrics: ServerMetrics;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  /** The current time in ms (injected so tests can fix it). */
  readonly now: () => number;
}
