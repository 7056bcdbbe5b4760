import { createLogger } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { createServer, type ServerOptions, type WatchpostServer } from '../create-server.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';

export interface TestServer {
  readonly server: WatchpostServer;
  readonly store: MemoryStore;
  readonly url: string;
  request(method: string, path: string, init?: { headers?: Record<string, string>; body?: string | Buffer }): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * Starts a server on 127.0.0.1:0 over an in-memory store (or `store`), logs
 * silenced. Close it with `t.after(() => s.close())`.
 */
export async function startTestServer(options: Partial<ServerOptions> & { store?: Store } = {}): Promise<TestServer> {
  const store = (options.store ?? createMemoryStore()) as MemoryStore;
  const server = createServer({ logger: createLogger({ write: () => {} }), ...options, store, port: 0, host: options.host ?? '127.0.0.1' });
  await server.listen();
  return {
    server,
    store,
    url: server.url,
    async request(method, path, init = {}) {
      const res = await fetch(server.url + path, { method, headers: init.headers, body: init.body });
      return { status: res.status, contentType: res.headers.get('content-type'), headers: res.headers, body: await res.text() };
    },
    close: () => server.close(),
  };
}
