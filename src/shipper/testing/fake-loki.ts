import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import snappy from 'snappy';
import { decodePushRequestJson, decodePushRequestProto, type DecodedStream } from './push-decode.js';

/** One push the fake received (and decoded), whatever it answered. */
export interface ReceivedPush {
  readonly headers: IncomingHttpHeaders;
  readonly path: string;
  readonly streams: DecodedStream[];
  readonly status: number;
}

/** What to answer a push: a status (and body), or `'hangup'` to drop the connection. */
export type FakeLokiAnswer = { status: number; body?: string } | 'hangup';

export interface FakeLoki {
  readonly url: string;
  readonly port: number;
  /** Pushes answered 2xx, in arrival order. */
  readonly accepted: ReceivedPush[];
  /** Every push, including refused ones. */
  readonly received: ReceivedPush[];
  /** Lines of accepted pushes in arrival order (per stream order is kept within a push). */
  acceptedLines(): string[];
  /** Sets how the next pushes are answered: a function of the request number, or undefined for 204. */
  answerWith(answer: ((n: number) => FakeLokiAnswer) | undefined): void;
  /** Resolves once the accepted lines reach `count`. */
  waitForLines(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A minimal Loki push endpoint on 127.0.0.1 for tests and benchmarks: any
 * POST path, protobuf+snappy or JSON bodies decoded, 204 by default.
 */
export async function createFakeLoki(options: { port?: number } = {}): Promise<FakeLoki> {
  const accepted: ReceivedPush[] = [];
  const received: ReceivedPush[] = [];
  let answer: ((n: number) => FakeLokiAnswer) | undefined;
  let lineCount = 0;
  let waiters: Array<{ count: number; resolve: () => void }> = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = received.length;
      const decision = answer?.(n) ?? { status: 204 };
      if (decision === 'hangup') {
        received.push({ headers: req.headers, path: req.url ?? '', streams: [], status: -1 });
        req.socket.destroy();
        return;
      }
      let streams: DecodedStream[] = [];
      let status = decision.status;
      let body = decision.body ?? '';
      try {
        const raw = Buffer.concat(chunks);
        streams = (req.headers['content-type'] ?? '').startsWith('application/json')
          ? decodePushRequestJson(raw.toString('utf8'))
          : decodePushRequestProto(snappy.uncompressSync(raw, { asBuffer: true }) as Buffer);
      } catch (err) {
        status = 400;
        body = `couldn't decode push: ${(err as Error).message}`;
      }
      const push: ReceivedPush = { headers: req.headers, path: req.url ?? '', streams, status };
      received.push(push);
      if (status >= 200 && status < 300) {
        accepted.push(push);
        for (const s of streams) lineCount += s.entries.length;
        const ready = waiters.filter((w) => lineCount >= w.count);
        waiters = waiters.filter((w) => lineCount < w.count);
        for (const w of ready) w.resolve();
      }
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(body);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/loki/api/v1/push`,
    port,
    accepted,
    received,
    acceptedLines: () => accepted.flatMap((p) => p.streams.flatMap((s) => s.entries.map((e) => e.line))),
    answerWith(fn) {
      answer = fn;
    },
    waitForLines(count, timeoutMs = 20_000) {
      if (lineCount >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake loki: ${lineCount} of ${count} lines after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
