import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/**
 * Runs asynchronous work (an HTTP request) on a long-lived worker thread
 * while the calling thread blocks, for table generators that SQLite calls
 * synchronously. The caller sleeps in Atomics.wait until the worker flags
 * its reply, then takes the reply off a MessagePort with
 * receiveMessageOnPort. Starting the worker costs ~30 ms once; a call then
 * costs well under a millisecond (a child process per call costs ~57 ms).
 *
 * Worker programs are CommonJS source run with `eval: true` (no file beside
 * the compiled code is needed). They receive `{ requests, replies }` as
 * workerData; for each message on `requests` they post exactly one reply
 * carrying the request's `id` on `replies`, then store 1 into the request's
 * `flag` (an Int32Array on a SharedArrayBuffer) and Atomics.notify it.
 *
 * The calling thread is blocked, so nothing it must answer may run on it.
 */
export interface BlockingWorker {
  /**
   * Posts `request` (plus `id` and `flag`) and waits at most `waitMs` for the
   * reply. undefined when none came: the worker is then replaced, and its
   * late replies are dropped.
   */
  call<Req extends object, Reply extends { readonly id: number }>(request: Req, waitMs: number): Reply | undefined;
}

interface Channel {
  readonly worker: Worker;
  readonly requests: MessagePort;
  readonly replies: MessagePort;
}

/** A worker for `source`, started on the first call and restarted after it dies or hangs. */
export function createBlockingWorker(source: string): BlockingWorker {
  let channel: Channel | undefined;
  let nextId = 1;

  const open = (): Channel => {
    if (channel) return channel;
    const toWorker = new MessageChannel();
    const fromWorker = new MessageChannel();
    const worker = new Worker(source, {
      eval: true,
      execArgv: [],
      workerData: { requests: toWorker.port2, replies: fromWorker.port2 },
      transferList: [toWorker.port2, fromWorker.port2],
    });
    worker.unref();
    toWorker.port1.unref();
    fromWorker.port1.unref();
    const opened = { worker, requests: toWorker.port1, replies: fromWorker.port1 };
    worker.on('exit', () => {
      if (channel === opened) channel = undefined;
    });
    channel = opened;
    return opened;
  };

  const close = (stale: Channel): void => {
    if (channel === stale) channel = undefined;
    stale.requests.close();
    stale.replies.close();
    void stale.worker.terminate();
  };

  return {
    call<Req extends object, Reply extends { readonly id: number }>(request: Req, waitMs: number): Reply | undefined {
      const ch = open();
      const id = nextId++;
      const flag = new Int32Array(new SharedArrayBuffer(4));
      ch.requests.postMessage({ ...request, id, flag });
      if (Atomics.wait(flag, 0, 0, waitMs) === 'timed-out') {
        close(ch);
        return undefined;
      }
      for (;;) {
        const received = receiveMessageOnPort(ch.replies) as { message: Reply } | undefined;
        if (!received) {
          close(ch);
          return undefined;
        }
        // Replies to requests that timed out earlier are dropped.
        if (received.message.id === id) return received.message;
      }
    },
  };
}
