import type { Logger } from '../../core/index.js';

export type ComponentState = 'starting' | 'running' | 'failed' | 'stopped';

/** One part of `watchpost up` (store, server, ruler, agent, shipper). */
export interface ComponentSpec {
  readonly name: string;
  /** Starts the part; resolves with what it exposes (for the status line) and how to stop it. */
  start(): Promise<{ detail: string; stop: () => Promise<void> }>;
}

export interface ComponentStatus {
  readonly name: string;
  readonly state: ComponentState;
  readonly detail: string;
  readonly error: string;
  readonly restarts: number;
}

/**
 * Runs one component in isolation: a failure to start is recorded and
 * retried with backoff (1 s doubling to 60 s) instead of taking the other
 * components down; `stop` ends retries and stops it if it runs.
 */
export class SupervisedComponent {
  readonly spec: ComponentSpec;
  #state: ComponentState = 'stopped';
  #detail = '';
  #error = '';
  #restarts = 0;
  #stop: (() => Promise<void>) | undefined;
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;
  #logger: Logger;
  #onChange: () => void;

  constructor(spec: ComponentSpec, logger: Logger, onChange: () => void = () => undefined) {
    this.spec = spec;
    this.#logger = logger;
    this.#onChange = onChange;
  }

  status(): ComponentStatus {
    return { name: this.spec.name, state: this.#state, detail: this.#detail, error: this.#error, restarts: this.#restarts };
  }

  /** Tries to start; resolves either way (check status()). */
  async start(backoffMs = 1000): Promise<void> {
    if (this.#stopped) return;
    this.#state = 'starting';
    try {
      const started = await this.spec.start();
      if (this.#stopped) {
        await started.stop();
        return;
      }
      this.#stop = started.stop;
      this.#detail = started.detail;
      this.#error = '';
      this.#state = 'running';
    } catch (err) {
      this.#state = 'failed';
      this.#error = (err as Error).message;
      this.#logger.error('component failed to start; retrying', { component: this.spec.name, error: this.#error, retry_in_ms: backoffMs });
      this.#retry = setTimeout(() => {
        this.#restarts++;
        void this.start(Math.min(backoffMs * 2, 60_000));
      }, backoffMs);
      this.#retry.unref();
    }
    this.#onChange();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    const stop = this.#stop;
    this.#stop = undefined;
    if (stop) {
      try {
        await stop();
      } catch (err) {
        this.#logger.warn('component did not stop cleanly', { component: this.spec.name, error: (err as Error).message });
      }
    }
    this.#state = 'stopped';
  }
}
