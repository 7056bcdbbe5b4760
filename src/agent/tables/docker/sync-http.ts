import { createBlockingWorker } from '../lib/blocking-worker.js';

/**
 * A blocking HTTP GET over a unix socket, for table generators (SQLite calls
 * them synchronously, inside xFilter), on a blocking worker (lib/blocking-worker.ts).
 * Because the caller's thread is blocked, the server must not run on it.
 */

/** What one request produced. Never thrown: a missing daemon is an ordinary state. */
export type SyncHttpResult =
  | { readonly ok: true; readonly status: number; readonly statusMessage: string; readonly body: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

export interface SyncHttpOptions {
  /** Give up after this long; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Largest body accepted; default 64 MiB. */
  readonly maxBodyBytes?: number;
}

interface WorkerRequest {
  readonly socketPath: string;
  readonly path: string;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

type WorkerReply = SyncHttpResult & { readonly id: number };

/** The worker's program (see lib/blocking-worker.ts for the protocol). */
const workerSource = `
const { workerData } = require('node:worker_threads');
const http = require('node:http');
const { requests, replies } = workerData;
requests.on('message', (req) => {
  let done = false;
  const finish = (reply) => {
    if (done) return;
    done = true;
    replies.postMessage({ id: req.id, ...reply });
    Atomics.store(req.flag, 0, 1);
    Atomics.notify(req.flag, 0);
  };
  const fail = (err) => finish({ ok: false, code: err.code || 'EFAIL', message: err.message });
  const r = http.request({
    socketPath: req.socketPath, path: req.path, method: 'GET',
    headers: { Host: 'docker', Accept: '*/*', Connection: 'close' },
    timeout: req.timeoutMs,
  }, (res) => {
    const chunks = [];
    let size = 0;
    res.on('data', (c) => {
      size += c.length;
      if (size > req.maxBodyBytes) { res.destroy(); fail({ code: 'E2BIG', message: 'response body over ' + req.maxBodyBytes + ' bytes' }); return; }
      chunks.push(c);
    });
    res.on('end', () => finish({ ok: true, status: res.statusCode, statusMessage: res.statusMessage || '', body: Buffer.concat(chunks).toString('utf8') }));
    res.on('error', fail);
    res.on('close', () => { if (!res.complete) fail({ code: 'ECONNRESET', message: 'connection closed before the body ended' }); });
  });
  r.on('timeout', () => r.destroy(Object.assign(new Error('no answer within ' + req.timeoutMs + ' ms'), { code: 'ETIMEDOUT' })));
  r.on('error', fail);
  r.end();
});
`;

const worker = createBlockingWorker(workerSource);

/**
 * GETs `path` from the HTTP server on the unix socket `socketPath` and blocks
 * the calling thread until the answer, an error or the timeout. The whole
 * body is returned as UTF-8 text whatever the status.
 */
export function getUnixSocketSync(socketPath: string, path: string, options: SyncHttpOptions = {}): SyncHttpResult {
  const timeoutMs = Math.max(1, options.timeoutMs ?? 5000);
  const request: WorkerRequest = { socketPath, path, timeoutMs, maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024 };
  // The worker enforces timeoutMs itself; the margin covers its start-up.
  const reply = worker.call<WorkerRequest, WorkerReply>(request, timeoutMs + 1000);
  if (!reply) return { ok: false, code: 'ETIMEDOUT', message: `no answer within ${timeoutMs} ms` };
  const { id: _id, ...result } = reply;
  return result;
}
