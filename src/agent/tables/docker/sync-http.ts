import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/**
 * A blocking HTTP GET over a unix socket, for table generators (SQLite calls
 * them synchronously, inside xFilter). The request runs on one long-lived
 * worker thread with its own event loop; the caller sleeps in Atomics.wait
 * until the worker flags the answer, then takes it off a MessagePort with
 * receiveMessageOnPort. Measured on a 2-core VM: starting the worker costs
 * ~30 ms once, then a request ~0.5 ms; a child process per request
 * (spawnSync of `node -e`) costs ~57 ms each, so the worker is used.
 *
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
  readonly id: number;
  readonly socketPath: string;
  readonly path: string;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly flag: Int32Array;
}

type WorkerReply = SyncHttpResult & { readonly id: number };

/**
 * The worker's program, plain CommonJS run with `eval: true` so it needs no
 * file beside the compiled code (tsx in tests, tsc output in dist/).
 */
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

/**
 * GETs `path` from the HTTP server on the unix socket `socketPath` and blocks
 * the calling thread until the answer, an error or the timeout. The whole
 * body is returned as UTF-8 text whatever the status.
 */
export function getUnixSocketSync(socketPath: string, path: string, options: SyncHttpOptions = {}): SyncHttpResult {
  const timeoutMs = Math.max(1, options.timeoutMs ?? 5000);
  const ch = openChannel();
  const id = nextId++;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const request: WorkerRequest = { id, socketPath, path, timeoutMs, maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024, flag };
  ch.requests.postMessage(request);
  // The worker enforces timeoutMs itself; the margin covers its start-up.
  const waited = Atomics.wait(flag, 0, 0, timeoutMs + 1000);
  if (waited === 'timed-out') {
    closeChannel(ch);
    return { ok: false, code: 'ETIMEDOUT', message: `no answer within ${timeoutMs} ms` };
  }
  for (;;) {
    const received = receiveMessageOnPort(ch.replies) as { message: WorkerReply } | undefined;
    if (!received) {
      closeChannel(ch);
      return { ok: false, code: 'EFAIL', message: 'the HTTP worker signalled without a reply' };
    }
    const { id: replyId, ...reply } = received.message;
    // Replies to requests that timed out earlier are dropped.
    if (replyId === id) return reply;
  }
}
