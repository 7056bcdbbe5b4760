import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface ShipperServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * promtail's own HTTP server: `/metrics` (Prometheus exposition of the
 * shipper's registry) and `/ready` (200 `Ready` once targets run).
 */
export async function startShipperServer(options: {
  readonly address: string;
  readonly port: number;
  readonly registry: () => Registry;
  readonly ready: () => boolean;
}): Promise<ShipperServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      const registry = options.registry();
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        },
        (err: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(err.message);
        },
      );
      return;
    }
    if (path === '/ready') {
      const ok = options.ready();
      res.writeHead(ok ? 200 : 500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(ok ? 'Ready' : 'Not ready: Unable to find any logs to tail. Please verify permissions, volumes, scrape_config, etc.');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('404 page not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${options.address.includes(':') ? `[${options.address}]` : options.address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
