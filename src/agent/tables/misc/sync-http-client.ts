import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/**
 * A blocking HTTP(S) GET over TCP for table generators (SQLite calls them
 * synchronously): the sibling of docker/sync-http.ts, which speaks only to
 * a unix socket. The request runs on one long-lived worker thread with its
 * own event loop; the caller sleeps in Atomics.wait until the worker flags
 * the answer and takes it off a MessagePort with receiveMessageOnPort.
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
  readonly id: number;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly flag: Int32Array;
}

type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly status: number; readonly body: Uint8Array; readonly elapsedUs: number }
  | { readonly id: number; readonly ok: false; readonly code: string; readonly message: string };

/** The worker's program: CommonJS run with `eval: true`, so no file is needed beside the compiled code. */
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

interface Channel {
  readonly worker: Worker;
  readonly requests: MessagePort;
  readonly replies: MessagePort;
}

let channel: Channel | undefined;
let nextId = 1;

function openChannel(): Channel {
  if (channel) return channel;
  const toWorker = new MessageChannel();
  const fromWorker = new MessageChannel();
  const worker = new Worker(workerSource, {
    eval: true,
    execArgv: [],
    workerData: { requests: toWorker.port2, replies: fromWorker.port2 },
    transferList: [toWorker.port2, fromWorker.port2],
  });
  worker.unref();
  toWorker.port1.unref();
  fromWorker.port1.unref();
  const opened = { worker, requests: toWorker.port1, replies: fromWorker.port1 };
  // A worker that dies is replaced on the next request.
  worker.on('exit', () => {
    if (channel === opened) channel = undefined;
  });
  channel = opened;
  return opened;
}

function closeChannel(stale: Channel): void {
  if (channel === stale) channel = undefined;
  stale.requests.close();
  stale.replies.close();
  void stale.worker.terminate();
}

/** GETs `url` and blocks the calling thread until the answer, an error or the deadline. */
export function httpGetSync(url: string, options: SyncHttpGetOptions = {}): SyncHttpGetResult {
  const timeoutMs = Math.max(1, options.timeoutMs ?? 16_000);
  const ch = openChannel();
  const id = nextId++;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const request: WorkerRequest = {
    id,
    url,
    headers: options.headers ?? {},
    timeoutMs,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
    flag,
  };
  ch.requests.postMessage(request);
  // The worker enforces timeoutMs itself; the margin covers its start-up.
  if (Atomics.wait(flag, 0, 0, timeoutMs + 1000) === 'timed-out') {
    closeChannel(ch);
    return { ok: false, code: 'ETIMEDOUT', message: 'Request timeout' };
  }
  for (;;) {
    const received = receiveMessageOnPort(ch.replies) as { message: WorkerReply } | undefined;
    if (!received) {
      closeChannel(ch);
      return { ok: false, code: 'EFAIL', message: 'the HTTP worker signalled without a reply' };
    }
    const reply = received.message;
    // Replies to requests that timed out earlier are dropped.
    if (reply.id !== id) continue;
    if (!reply.ok) return { ok: false, code: reply.code, message: reply.message };
    return { ok: true, status: reply.status, body: Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength), elapsedUs: reply.elapsedUs };
  }
}
