import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP receiver on 127.0.0.1 recording JSON bodies (webhook and notifier tests). */
export interface WebhookReceiver {
  readonly url: string;
  readonly bodies: unknown[];
  /** Each request's headers, in arrival order. */
  readonly headers: IncomingHttpHeaders[];
  /** Resolves with the first body `match` accepts (already received or arriving later). */
  waitFor(match: (body: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

/** Answers each POST with the next status in `statuses` (then 200). */
export async function startWebhookReceiver(statuses: number[] = []): Promise<WebhookReceiver> {
  const bodies: unknown[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const waiters: Array<{ match: (body: unknown) => boolean; resolve: (body: unknown) => void }> = [];
  const server = createServer((req, res) => {
    headers.push(req.headers);
    void readBody(req).then((text) => {
      const body: unknown = JSON.parse(text);
      bodies.push(body);
      for (const waiter of waiters.splice(0)) {
        if (waiter.match(body)) waiter.resolve(body);
        else waiters.push(waiter);
      }
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    headers,
    waitFor(match, timeoutMs = 10_000) {
      const found = bodies.find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching webhook body within ${timeoutMs} ms; got ${JSON.stringify(bodies)}`)), timeoutMs);
        waiters.push({ match, resolve: (body) => (clearTimeout(timer), resolve(body)) });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
