import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { TlsConfig } from '../config/types.js';

export interface HttpPoster {
  /** POSTs `body`; resolves to the status and the first 1024 bytes of the answer. Rejects on network errors and timeouts. */
  post(headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }>;
  close(): void;
}

/**
 * A keep-alive POST client for one URL on node:http/https (lighter than a
 * general client: the shipper's memory budget is ~100 MB).
 */
export function createHttpPoster(url: string, options: { tls: TlsConfig; timeoutMs: number }): HttpPoster {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const read = (path: string | undefined): Buffer | undefined => (path ? readFileSync(path) : undefined);
  const agent = secure
    ? new HttpsAgent({
        keepAlive: true,
        maxSockets: 2,
        ca: read(options.tls.caFile),
        cert: read(options.tls.certFile),
        key: read(options.tls.keyFile),
        servername: options.tls.serverName,
        rejectUnauthorized: !options.tls.insecureSkipVerify,
      })
    : new HttpAgent({ keepAlive: true, maxSockets: 2 });
  const send = secure ? httpsRequest : httpRequest;
  return {
    post(headers, body) {
      return new Promise((resolve, reject) => {
        const req = send(target, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } }, (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            if (size < 1024) chunks.push(c);
            size += c.length;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? -1, text: Buffer.concat(chunks).subarray(0, 1024).toString('utf8') }));
          res.on('error', reject);
        });
        req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`context deadline exceeded (timeout ${options.timeoutMs} ms)`)));
        req.on('error', reject);
        req.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
