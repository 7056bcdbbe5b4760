import { createBlockingWorker } from '../lib/blocking-worker.js';

/**
 * A blocking HTTP(S) GET over TCP for table generators (SQLite calls them
 * synchronously), on a blocking worker (lib/blocking-worker.ts): the sibling
 * of docker/sync-http.ts, which speaks only to a unix socket.
 *
 * It behaves as osquery's http::Client with follow_redirects: a 301, 302,
 * 303, 304, 305, 307 or 308 answer is followed to its Location (relative
 * ones against the current URL) at most 10 times; one deadline covers the
 * whole exchange; an `https:` URL uses TLS with Node's CA store and any
 * other scheme is spoken to as plain HTTP (port 80 by default).
 *
 * The caller's thread is blocked, so a server it talks to must not run on it.
 */

export interface SyncHttpGetOptions {
  /** Request headers (User-Agent, …). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Deadline for the whole exchange, redirects included; default 16 s (osquery's TLS transport). */
  readonly timeoutMs?: number;
  /** Largest body accepted; default 64 MiB. */
  readonly maxBodyBytes?: number;
}

/** What a GET produced. Never thrown: an unreachable server is an ordinary result. */
export type SyncHttpGetResult =
  | {
      readonly ok: true;
      readonly status: number;
      readonly body: Buffer;
      /** From sending the first request to the end of the last body, in microseconds. */
      readonly elapsedUs: number;
    }
  | { readonly ok: false; readonly code: string; readonly message: string };

interface WorkerRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly status: number; readonly body: Uint8Array; readonly elapsedUs: number }
  | { readonly id: number; readonly ok: false; readonly code: string; readonly message: string };

/** The worker's program (see lib/blocking-worker.ts for the protocol). */
const workerSource = `
const { workerData } = require('node:worker_threads');
const http = require('node:http');
const https = require('node:https');
const { requests, replies } = workerData;
const redirects = new Set([301, 302, 303, 304, 305, 307, 308]);
requests.on('message', (req) => {
  const started = process.hrtime.bigint();
  const deadline = Date.now() + req.timeoutMs;
  let done = false;
  const finish = (reply, transfer) => {
    if (done) return;
    done = true;
    replies.postMessage({ id: req.id, ...reply }, transfer || []);
    Atomics.store(req.flag, 0, 1);
    Atomics.notify(req.flag, 0);
  };
  const fail = (code, message) => finish({ ok: false, code, message });
  const get = (target, hops) => {
    let url;
    try { url = new URL(target); } catch { return fail('EINVAL', 'Remote hostname missing'); }
    if (!url.hostname) return fail('EINVAL', 'Remote hostname missing');
    const tls = url.protocol === 'https:';
    const remaining = deadline - Date.now();
    if (remaining <= 0) return fail('ETIMEDOUT', 'Request timeout');
    const r = (tls ? https : http).request({
      host: url.hostname.replace(/^\\[|\\]$/g, ''),
      port: url.port || (tls ? 443 : 80),
      path: url.pathname + url.search,
      method: 'GET',
      headers: req.headers,
      agent: false,
    }, (res) => {
      const status = res.statusCode || 0;
      if (redirects.has(status)) {
        res.resume();
        if (hops >= 10) return fail('EREDIRECT', 'Exceeded max of 10 redirects');
        const location = res.headers.location;
        if (!location) return fail('EREDIRECT', 'Location header missing in redirect response');
        let next;
        try { next = new URL(location, url).href; } catch { return fail('EINVAL', 'Remote hostname missing'); }
        clearTimeout(timer);
        return get(next, hops + 1);
      }
      const chunks = [];
      let size = 0;
      res.on('data', (c) => {
        size += c.length;
        if (size > req.maxBodyBytes) { res.destroy(); fail('E2BIG', 'response body over ' + req.maxBodyBytes + ' bytes'); return; }
        chunks.push(c);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const body = new Uint8Array(Buffer.concat(chunks));
        const elapsedUs = Number((process.hrtime.bigint() - started) / 1000n);
        finish({ ok: true, status, body, elapsedUs }, [body.buffer]);
      });
      res.on('error', (err) => fail(err.code || 'EFAIL', err.message));
      res.on('close', () => { if (!res.complete) fail('ECONNRESET', 'connection closed before the body ended'); });
    });
    const timer = setTimeout(() => { r.destroy(); fail('ETIMEDOUT', 'Request timeout'); }, remaining);
    r.on('error', (err) => { clearTimeout(timer); fail(err.code || 'EFAIL', err.message); });
    r.end();
  };
  get(req.url, 0);
});
`;

const worker = createBlockingWorker(workerSource);

/** GETs `url` and blocks the calling thread until the answer, an error or the deadline. */
export function httpGetSync(url: string, options: SyncHttpGetOptions = {}): SyncHttpGetResult {
  const timeoutMs = Math.max(1, options.timeoutMs ?? 16_000);
  const request: WorkerRequest = {
    url,
    headers: options.headers ?? {},
    timeoutMs,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
  };
  // The worker enforces timeoutMs itself; the margin covers its start-up.
  const reply = worker.call<WorkerRequest, WorkerReply>(request, timeoutMs + 1000);
  if (!reply) return { ok: false, code: 'ETIMEDOUT', message: 'Request timeout' };
  if (!reply.ok) return { ok: false, code: reply.code, message: reply.message };
  return { ok: true, status: reply.status, body: Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength), elapsedUs: reply.elapsedUs };
}
